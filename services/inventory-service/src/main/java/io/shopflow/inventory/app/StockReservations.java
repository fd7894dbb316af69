package io.shopflow.inventory.app;

import io.shopflow.events.EventEnvelope;
import io.shopflow.events.inventory.StockCommitted;
import io.shopflow.events.inventory.StockLine;
import io.shopflow.events.inventory.StockRejected;
import io.shopflow.events.inventory.StockReleased;
import io.shopflow.events.inventory.StockReserved;
import io.shopflow.events.inventory.StockShortage;
import io.shopflow.events.order.OrderCancelled;
import io.shopflow.events.order.OrderConfirmed;
import io.shopflow.events.order.OrderPlaced;
import io.shopflow.events.payment.PaymentFailed;
import io.shopflow.events.quarkus.DomainEvents;
import io.shopflow.events.quarkus.EventHandlers;
import io.shopflow.events.quarkus.UnprocessableEventException;
import io.shopflow.inventory.domain.Product;
import io.shopflow.inventory.persistence.ProductRepository;
import io.shopflow.inventory.persistence.ProductRepository.Movement;
import io.shopflow.inventory.persistence.ReservationRepository;
import io.shopflow.inventory.persistence.ReservationRepository.Status;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * inventory-service's part in the order saga: reserve all of an order's lines or none (StockReserved /
 * StockRejected), release them when the order is cancelled or its payment fails (StockReleased), commit them
 * when it is confirmed (StockCommitted). Each runs on the consumer's transaction with the inbox row, and each
 * reservation moves at most once, so redelivered or crossing events (PaymentFailed and the OrderCancelled it
 * causes) release once.
 */
@ApplicationScoped
public class StockReservations {

    private final ProductRepository products;
    private final ReservationRepository reservations;
    private final DomainEvents domainEvents;

    private final EventHandlers handlers;

    public StockReservations(ProductRepository products, ReservationRepository reservations, DomainEvents domainEvents) {
        this.products = products;
        this.reservations = reservations;
        this.domainEvents = domainEvents;
        this.handlers = EventHandlers.on(OrderPlaced.class, this::reserve)
                .and(OrderCancelled.class, (tx, cancelled, envelope) -> release(tx, cancelled.orderId(),
                        "order cancelled: " + cancelled.reason(), envelope))
                .and(PaymentFailed.class, (tx, failed, envelope) -> release(tx, failed.orderId(),
                        "payment failed: " + failed.reason(), envelope))
                .and(OrderConfirmed.class, (tx, confirmed, envelope) -> commit(tx, confirmed.orderId(), envelope))
                .lockingFirst((tx, events) -> products.lockStockMoves(tx));
    }

    /** The order and payment events inventory acts on; the others on those topics are none of its business. */
    public EventHandlers handlers() {
        return handlers;
    }

    private Uni<Void> reserve(SqlConnection tx, OrderPlaced placed, EventEnvelope envelope) {
        placed.lines().stream().filter(line -> line.quantity() < 1).findFirst().ifPresent(line -> {
            // A non-positive quantity would move stock the wrong way; the contract (OrderPlaced.v3) forbids it.
            throw new UnprocessableEventException("Order " + placed.orderId() + " asks for " + line.quantity()
                    + " of " + line.sku());
        });
        var lines = summed(placed);
        return reservations.claim(tx, placed.orderId(), placed.userId()).flatMap(first -> !first
                ? Uni.createFrom().voidItem()
                : products.lock(tx, lines.stream().map(StockLine::sku).toList()).flatMap(locked -> {
                    var shortages = shortages(lines, locked);
                    if (!shortages.isEmpty()) {
                        return reservations.settle(tx, placed.orderId(), Status.REJECTED, lines, null)
                                .call(() -> domainEvents.publishCausedBy(tx, envelope,
                                        new StockRejected(placed.orderId(), placed.userId(), shortages)));
                    }
                    return products.moveStock(tx, Movement.RESERVE, lines)
                            .call(() -> reservations.settle(tx, placed.orderId(), Status.RESERVED, lines, null))
                            .call(() -> domainEvents.publishCausedBy(tx, envelope,
                                    new StockReserved(placed.orderId(), placed.userId(), lines, placed.total())));
                }));
    }

    private static List<StockLine> summed(OrderPlaced placed) {
        try {
            return perSku(placed.lines().stream().map(line -> new StockLine(line.sku(), line.quantity())).toList());
        } catch (ArithmeticException overflow) {
            throw new UnprocessableEventException("Order " + placed.orderId() + " asks for more than "
                    + Integer.MAX_VALUE + " of one sku");
        }
    }

    private Uni<Void> release(SqlConnection tx, String orderId, String reason, EventEnvelope envelope) {
        return reservations.finish(tx, orderId, Status.RELEASED, reason).flatMap(released -> released.isEmpty()
                ? reservations.tombstone(tx, orderId, reason)
                : products.lock(tx, skus(released.get()))
                        .call(() -> products.moveStock(tx, Movement.RELEASE, released.get()))
                        .call(() -> domainEvents.publishCausedBy(tx, envelope,
                                new StockReleased(orderId, released.get(), reason)))
                        .replaceWithVoid());
    }

    private Uni<Void> commit(SqlConnection tx, String orderId, EventEnvelope envelope) {
        return reservations.finish(tx, orderId, Status.COMMITTED, null).flatMap(committed -> committed.isEmpty()
                ? Uni.createFrom().voidItem()
                : products.lock(tx, skus(committed.get()))
                        .call(() -> products.moveStock(tx, Movement.COMMIT, committed.get()))
                        .call(() -> domainEvents.publishCausedBy(tx, envelope, new StockCommitted(orderId, committed.get())))
                        .replaceWithVoid());
    }

    /**
     * One line per sku, quantities added up, in first-seen order. An order may name a sku twice; checked line by
     * line, each would fit where both together do not, and one UPDATE would apply only one of them.
     */
    public static List<StockLine> perSku(List<StockLine> lines) {
        var quantities = new LinkedHashMap<String, Integer>();
        // Math.addExact throws where Integer::sum would wrap lines adding up past int's range into a negative
        // quantity, which any stock level covers.
        lines.forEach(line -> quantities.merge(line.sku(), line.quantity(), Math::addExact));
        return quantities.entrySet().stream().map(entry -> new StockLine(entry.getKey(), entry.getValue())).toList();
    }

    /**
     * The lines that cannot be reserved from {@code locked} stock: unknown skus count as none available. A sku
     * named on several lines is checked for their sum.
     */
    public static List<StockShortage> shortages(List<StockLine> lines, Map<String, Product> locked) {
        var shortages = new ArrayList<StockShortage>();
        for (var line : perSku(lines)) {
            var product = locked.get(line.sku());
            int available = product == null ? 0 : product.available();
            if (available < line.quantity()) {
                shortages.add(new StockShortage(line.sku(), line.quantity(), available));
            }
        }
        return shortages;
    }

    private static List<String> skus(List<StockLine> lines) {
        return lines.stream().map(StockLine::sku).toList();
    }
}
