package io.shopflow.events.payment;

import io.shopflow.events.EventType;
import io.shopflow.events.SagaEvent;
import io.shopflow.events.order.Money;

/**
 * A compensation: a completed charge was given back, because its order was cancelled after the charge (for
 * example by the saga deadline while the payment was still being retried).
 */
@EventType(name = "PaymentRefunded", version = 1, aggregate = "payment")
public record PaymentRefunded(String paymentId, String orderId, String userId, Money amount, String reason)
        implements SagaEvent {

    @Override
    public String aggregateId() {
        return paymentId;
    }
}
