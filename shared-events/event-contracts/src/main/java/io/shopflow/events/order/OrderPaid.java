package io.shopflow.events.order;

import io.shopflow.events.EventType;
import io.shopflow.events.SagaEvent;

/** The order learnt that its payment completed (PaymentCompleted). */
@EventType(name = "OrderPaid", version = 1, aggregate = "order")
public record OrderPaid(String orderId, String paymentId) implements SagaEvent {

    @Override
    public String aggregateId() {
        return orderId;
    }
}
