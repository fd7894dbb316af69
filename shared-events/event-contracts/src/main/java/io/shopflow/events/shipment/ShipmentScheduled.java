package io.shopflow.events.shipment;

import io.shopflow.events.EventType;
import io.shopflow.events.SagaEvent;
import java.time.LocalDate;

/** A confirmed order has a shipment, with the carrier and the day it is expected to arrive. */
@EventType(name = "ShipmentScheduled", version = 1, aggregate = "shipment")
public record ShipmentScheduled(String shipmentId, String orderId, String userId, String carrier,
                                LocalDate estimatedDelivery) implements SagaEvent {

    @Override
    public String aggregateId() {
        return shipmentId;
    }
}
