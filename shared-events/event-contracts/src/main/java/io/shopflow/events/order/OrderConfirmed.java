package io.shopflow.events.order;

import io.shopflow.events.EventType;
import io.shopflow.events.SagaEvent;
import java.util.List;

/**
 * Stock is reserved and payment taken: the order will be fulfilled. Carries what shipping and notifications
 * need, so they do not have to ask order-service.
 */
@EventType(name = "OrderConfirmed", version = 1, aggregate = "order")
public record OrderConfirmed(String orderId, String userId, List<OrderLine> lines, Money total) implements SagaEvent {

    public OrderConfirmed {
        lines = List.copyOf(lines);
    }

    @Override
    public String aggregateId() {
        return orderId;
    }
}
