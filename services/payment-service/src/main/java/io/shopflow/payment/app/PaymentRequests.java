package io.shopflow.payment.app;

import io.shopflow.events.EventCause;
import io.shopflow.events.EventEnvelope;
import io.shopflow.events.inventory.StockReserved;
import io.shopflow.events.order.OrderCancelled;
import io.shopflow.events.quarkus.EventHandlers;
import io.shopflow.payment.persistence.PaymentRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What the saga asks of payment-service, recorded on the consumer's transaction: a payment to take when an
 * order's stock is reserved, a payment to cancel or refund when the order is cancelled. The provider is never
 * called here, inside a database transaction: {@link PaymentWorker} does that once these commit.
 */
@ApplicationScoped
public class PaymentRequests {

    private final PaymentRepository payments;
    private final EventHandlers handlers;

    public PaymentRequests(PaymentRepository payments) {
        this.payments = payments;
        this.handlers = EventHandlers.on(StockReserved.class, this::takePayment)
                .and(OrderCancelled.class, this::cancelPayment);
    }

    /** The inventory and order events payment-service acts on; the others on those topics are not its business. */
    public EventHandlers handlers() {
        return handlers;
    }

    private Uni<Void> takePayment(SqlConnection tx, StockReserved reserved, EventEnvelope envelope) {
        return payments.insertPending(tx, reserved.orderId(), reserved.userId(), reserved.total(),
                EventCause.of(envelope)).replaceWithVoid();
    }

    private Uni<Void> cancelPayment(SqlConnection tx, OrderCancelled cancelled, EventEnvelope envelope) {
        return payments.cancel(tx, cancelled.orderId(), cancelled.userId(), "order cancelled: " + cancelled.reason(),
                EventCause.of(envelope)).replaceWithVoid();
    }
}
