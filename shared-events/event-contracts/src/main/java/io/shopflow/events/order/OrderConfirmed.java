package io.shopflow.events.order;

import io.shopflow.events.DomainEvent;
import io.shopflow.events.EventType;

/** Stock is reserved and payment taken: the order will be fulfilled. */
@EventType(name = "OrderConfirmed", version = 1, aggregate = "order")
public record OrderConfirmed(String orderId) implements DomainEvent {

    @Override
    public String aggregateId() {
        return orderId;
    }
}
