package io.shopflow.events.order;

import io.shopflow.events.EventType;
import io.shopflow.events.SagaEvent;

/** The order will not be fulfilled; {@code reason} says why, for the user and for compensations. */
@EventType(name = "OrderCancelled", version = 1, aggregate = "order")
public record OrderCancelled(String orderId, String userId, String reason) implements SagaEvent {

    @Override
    public String aggregateId() {
        return orderId;
    }
}
