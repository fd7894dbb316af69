package io.shopflow.events.order;

import io.shopflow.events.EventType;
import io.shopflow.events.SagaEvent;

/** The order learnt that its shipment was scheduled (ShipmentScheduled). */
@EventType(name = "OrderShipped", version = 1, aggregate = "order")
public record OrderShipped(String orderId, String shipmentId) implements SagaEvent {

    @Override
    public String aggregateId() {
        return orderId;
    }
}
