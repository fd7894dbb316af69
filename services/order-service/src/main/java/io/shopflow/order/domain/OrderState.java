package io.shopflow.order.domain;

import io.shopflow.events.order.Money;
import io.shopflow.events.order.OrderLine;
import java.util.List;

/**
 * An order as its events made it; immutable, and the shape of its snapshots (bump the snapshot version in
 * {@link OrderSnapshots} when it changes incompatibly).
 *
 * @param status null until the order is placed
 */
public record OrderState(OrderStatus status, String userId, List<OrderLine> lines, Money total, String paymentId,
                         String shipmentId, String cancelReason) {

    static final OrderState NOT_PLACED = new OrderState(null, null, List.of(), null, null, null, null);

    public OrderState {
        lines = List.copyOf(lines);
    }

    OrderState withStatus(OrderStatus newStatus) {
        return new OrderState(newStatus, userId, lines, total, paymentId, shipmentId, cancelReason);
    }

    OrderState paidBy(String payment) {
        return new OrderState(OrderStatus.PAID, userId, lines, total, payment, shipmentId, cancelReason);
    }

    OrderState shippedAs(String shipment) {
        return new OrderState(OrderStatus.SHIPPED, userId, lines, total, paymentId, shipment, cancelReason);
    }

    OrderState cancelledBecause(String reason) {
        return new OrderState(OrderStatus.CANCELLED, userId, lines, total, paymentId, shipmentId, reason);
    }
}
