package io.shopflow.order.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.shopflow.events.CanonicalUuid;
import io.shopflow.events.DomainEvent;
import io.shopflow.events.EventEnvelope;
import io.shopflow.events.EventMetadata;
import io.shopflow.events.SagaEvent;
import io.shopflow.events.inventory.StockRejected;
import io.shopflow.events.inventory.StockReserved;
import io.shopflow.events.inventory.StockShortage;
import io.shopflow.events.payment.PaymentCompleted;
import io.shopflow.events.payment.PaymentFailed;
import io.shopflow.events.quarkus.DomainEvents;
import io.shopflow.events.quarkus.EventHandlers;
import io.shopflow.events.quarkus.UnprocessableEventException;
import io.shopflow.events.shipment.ShipmentScheduled;
import io.shopflow.order.domain.Order;
import io.shopflow.order.domain.OrderStatus;
import io.shopflow.order.persistence.OrderStore;
import io.shopflow.order.persistence.SagaDeadlines;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * order-service's side of the choreographed saga: moves each order on as the other services report, and
 * cancels it when a step fails or its deadline passes. Compensation is the other services' reaction to the
 * order's own events: OrderCancelled releases the stock and refunds a charge.
 */
@ApplicationScoped
public class OrderSaga {

    private final OrderStore store;
    private final SagaDeadlines deadlines;
    private final DomainEvents domainEvents;
    private final MeterRegistry registry;
    private final EventHandlers handlers;

    public OrderSaga(OrderStore store, SagaDeadlines deadlines, DomainEvents domainEvents, MeterRegistry registry) {
        this.store = store;
        this.deadlines = deadlines;
        this.domainEvents = domainEvents;
        this.registry = registry;
        // Not StockReleased, StockCommitted or PaymentRefunded: the other services' own bookkeeping.
        this.handlers = EventHandlers
                .on(StockReserved.class, (tx, reserved, envelope) -> advance(tx, reserved.orderId(), envelope,
                        Order::stockReserved))
                .and(StockRejected.class, (tx, rejected, envelope) -> advance(tx, rejected.orderId(), envelope,
                        order -> order.cancel(outOfStock(rejected))))
                .and(PaymentCompleted.class, (tx, completed, envelope) -> advance(tx, completed.orderId(), envelope,
                        order -> order.paid(completed.paymentId())))
                .and(PaymentFailed.class, (tx, failed, envelope) -> advance(tx, failed.orderId(), envelope,
                        order -> order.cancel("payment failed: " + failed.reason())))
                .and(ShipmentScheduled.class, (tx, scheduled, envelope) -> advance(tx, scheduled.orderId(), envelope,
                        order -> order.shipped(scheduled.shipmentId())))
                .lockingFirst((tx, events) -> lockOrders(tx, orderIds(events)));
    }

    /**
     * Locks these orders, in one order for every transaction, before one is advanced: a batch of events, or a sweep
     * of deadlines, moves several orders in one transaction.
     */
    Uni<Void> lockOrders(SqlConnection tx, Collection<UUID> orderIds) {
        return store.lockAll(tx, orderIds);
    }

    /** The orders {@code events} are about, as far as their ids are order ids (advance() refuses the others). */
    private static List<UUID> orderIds(List<DomainEvent> events) {
        var ids = new ArrayList<UUID>(events.size());
        for (var event : events) {
            if (event instanceof SagaEvent sagaEvent) {
                CanonicalUuid.parse(sagaEvent.orderId()).ifPresent(ids::add);
            }
        }
        return ids;
    }

    /** The events of inventory, payment and shipping that move an order on, each on the consumer's transaction. */
    public EventHandlers handlers() {
        return handlers;
    }

    /** Cancels an order whose deadline passed, if its saga has not ended meanwhile. */
    Uni<Void> cancelOverdue(SqlConnection tx, SagaDeadlines.Overdue overdue, String reason) {
        return advance(tx, overdue.orderId().toString(), () -> EventMetadata.causedBy(overdue.cause()),
                order -> order.cancel(reason));
    }

    private Uni<Void> advance(SqlConnection tx, String orderId, EventEnvelope cause, Consumer<Order> command) {
        return advance(tx, orderId, domainEvents.causedBy(cause), command);
    }

    private Uni<Void> advance(SqlConnection tx, String orderId, Supplier<EventMetadata> metadata, Consumer<Order> command) {
        var id = parse(orderId);
        return store.lockAndLoad(tx, id).flatMap(found -> {
            var order = found.orElseThrow(() -> new UnprocessableEventException("No order " + orderId));
            command.accept(order);
            if (order.uncommittedEvents().isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            var after = order.status();
            return store.save(tx, order, metadata)
                    .call(() -> after.sagaEnded() ? deadlines.end(tx, id).invoke(ran -> ran.ifPresent(
                            duration -> recordEnding(after, duration))) : Uni.createFrom().voidItem());
        });
    }

    /** Once per order, at its saga's first end (a CONFIRMED order that ships later has ended already). */
    private void recordEnding(OrderStatus outcome, Duration ran) {
        Timer.builder("shopflow.orders.saga.duration")
                .description("From an order's placement to the end of its saga, by outcome (confirmed or cancelled)")
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .register(registry)
                .record(ran);
    }

    private static UUID parse(String orderId) {
        return CanonicalUuid.parse(orderId)
                .orElseThrow(() -> new UnprocessableEventException("No order " + orderId + ": not an order id"));
    }

    private static String outOfStock(StockRejected rejected) {
        return "out of stock: " + rejected.shortages().stream()
                .map(OrderSaga::describe)
                .collect(Collectors.joining(", "));
    }

    private static String describe(StockShortage shortage) {
        return shortage.sku() + " (" + shortage.requested() + " requested, " + shortage.available() + " available)";
    }
}
