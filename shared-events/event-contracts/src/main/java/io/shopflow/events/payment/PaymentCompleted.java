package io.shopflow.events.payment;

import io.shopflow.events.EventType;
import io.shopflow.events.SagaEvent;
import io.shopflow.events.order.Money;

/** The payment provider charged the order's amount; {@code providerReference} is its charge id. */
@EventType(name = "PaymentCompleted", version = 1, aggregate = "payment")
public record PaymentCompleted(String paymentId, String orderId, String userId, Money amount, String providerReference)
        implements SagaEvent {

    @Override
    public String aggregateId() {
        return paymentId;
    }
}
