package io.shopflow.events.order;

import io.shopflow.events.DomainEvent;
import io.shopflow.events.EventType;

/** The order learnt that its shipment was scheduled (ShipmentScheduled). */
@EventType(name = "OrderShipped", version = 1, aggregate = "order")
public record OrderShipped(String orderId, String shipmentId) implements DomainEvent {

    @Override
    public String aggregateId() {
        return orderId;
    }
}
