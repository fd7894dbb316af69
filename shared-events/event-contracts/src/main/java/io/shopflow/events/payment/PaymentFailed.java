package io.shopflow.events.payment;

import io.shopflow.events.EventType;
import io.shopflow.events.SagaEvent;
import io.shopflow.events.order.Money;

/** The order could not be charged (declined, or the provider stayed unavailable); nothing was taken. */
@EventType(name = "PaymentFailed", version = 1, aggregate = "payment")
public record PaymentFailed(String paymentId, String orderId, String userId, Money amount, String reason)
        implements SagaEvent {

    @Override
    public String aggregateId() {
        return paymentId;
    }
}
