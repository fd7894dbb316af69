package io.shopflow.order.domain;

import io.shopflow.events.DomainEvent;
import io.shopflow.events.order.Money;
import io.shopflow.events.order.OrderCancelled;
import io.shopflow.events.order.OrderConfirmed;
import io.shopflow.events.order.OrderLine;
import io.shopflow.events.order.OrderPaid;
import io.shopflow.events.order.OrderPlaced;
import io.shopflow.events.order.OrderShipped;
import io.shopflow.events.order.OrderStockReserved;
import io.shopflow.eventstore.EventSourcedAggregate;
import java.math.BigDecimal;
import java.util.List;

/**
 * The order, event-sourced. Commands that follow the saga's events are idempotent and tolerate late
 * arrivals: an event that no longer changes anything (a reservation reported after the payment, a payment
 * reported after a cancellation) records nothing, because the other services compensate on the order's own
 * events (a refund follows OrderCancelled), not on what order-service ignored.
 */
public final class Order extends EventSourcedAggregate<OrderState> {

    public Order(String id) {
        super(id, OrderState.NOT_PLACED);
    }

    public boolean placed() {
        return state().status() != null;
    }

    public OrderStatus status() {
        return state().status();
    }

    /** Places a new order for {@code lines}, priced by the catalogue; the total is their sum. */
    public void place(String userId, List<OrderLine> lines, String currency) {
        if (placed()) {
            throw new IllegalStateException("Order " + id() + " is already placed");
        }
        var total = lines.stream()
                .map(line -> line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        record(new OrderPlaced(id(), userId, lines, new Money(total, currency)));
    }

    /** Inventory reserved every line: the order waits for its payment. */
    public void stockReserved() {
        if (status() == OrderStatus.PENDING) {
            record(new OrderStockReserved(id()));
        }
    }

    /**
     * The payment went through: the order is confirmed. Accepted from PENDING too, because the payment's event
     * (another topic) may overtake the reservation's; a payment can only follow a reservation.
     */
    public void paid(String paymentId) {
        if (status() == OrderStatus.PENDING || status() == OrderStatus.STOCK_RESERVED) {
            record(new OrderPaid(id(), paymentId));
            var state = state();
            record(new OrderConfirmed(id(), state.userId(), state.lines(), state.total()));
        }
    }

    public void shipped(String shipmentId) {
        if (status() == OrderStatus.CONFIRMED) {
            record(new OrderShipped(id(), shipmentId));
        }
    }

    /** Cancels the order unless its saga already ended (confirmed orders are not cancelled by a late failure). */
    public void cancel(String reason) {
        if (placed() && !status().sagaEnded()) {
            record(new OrderCancelled(id(), state().userId(), reason));
        }
    }

    @Override
    protected OrderState apply(OrderState state, DomainEvent event) {
        if (event instanceof OrderPlaced placed) {
            return new OrderState(OrderStatus.PENDING, placed.userId(), placed.lines(), placed.total(), null, null, null);
        }
        if (event instanceof OrderStockReserved) {
            return state.withStatus(OrderStatus.STOCK_RESERVED);
        }
        if (event instanceof OrderPaid paid) {
            return state.paidBy(paid.paymentId());
        }
        if (event instanceof OrderConfirmed) {
            return state.withStatus(OrderStatus.CONFIRMED);
        }
        if (event instanceof OrderShipped shipped) {
            return state.shippedAs(shipped.shipmentId());
        }
        if (event instanceof OrderCancelled cancelled) {
            return state.cancelledBecause(cancelled.reason());
        }
        throw new IllegalArgumentException("An order does not take " + event.getClass().getSimpleName());
    }
}
