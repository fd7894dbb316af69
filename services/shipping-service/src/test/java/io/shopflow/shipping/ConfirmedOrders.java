package io.shopflow.shipping;

import io.shopflow.events.order.Money;
import io.shopflow.events.order.OrderConfirmed;
import io.shopflow.events.order.OrderLine;
import java.math.BigDecimal;
import java.util.List;

/** The event this service ships on, as order-service publishes it, for the tests that send one. */
public final class ConfirmedOrders {

    private ConfirmedOrders() {
    }

    /** {@code owner}'s order {@code orderId}, confirmed: one book, 10 EUR. */
    public static OrderConfirmed confirmed(String orderId, String owner) {
        return new OrderConfirmed(orderId, owner, List.of(new OrderLine("BOOK-1", 1, BigDecimal.TEN)),
                new Money(BigDecimal.TEN, "EUR"));
    }
}
