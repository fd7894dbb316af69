package io.shopflow.events;

import io.shopflow.events.order.Money;
import io.shopflow.events.order.OrderCancelled;
import io.shopflow.events.order.OrderConfirmed;
import io.shopflow.events.order.OrderLine;
import io.shopflow.events.order.OrderPlaced;
import io.shopflow.events.user.UserRegistered;
import io.shopflow.events.user.UserUpdated;
import java.math.BigDecimal;
import java.util.List;

/** One realistic instance of every platform event, and stored payloads of OrderPlaced's older versions. */
final class SampleEvents {

    static final String USER_ID = "7d1c3b5e-4f7a-4c55-9d0e-0b7f3c1a2e44";

    static final String ORDER_PLACED_V1 = """
            {"orderId": "o-1", "customerId": "c-9", "items": [{"sku": "BOOK-1", "qty": 2, "price": 12.50}],
             "total": 25.00}""";
    static final String ORDER_PLACED_V2 = """
            {"orderId": "o-2", "userId": "u-7", "items": [{"sku": "PEN-3", "qty": 1, "price": 3.20}],
             "total": 3.20, "currency": "USD"}""";

    private SampleEvents() {
    }

    static List<DomainEvent> all() {
        return List.of(
                new UserRegistered(USER_ID, "Ada Lovelace", "ada@example.com", "London"),
                new UserUpdated(USER_ID, "Ada Lovelace", "ada@example.com", "Paris", new BigDecimal("70.00"), 3),
                orderPlaced(),
                new OrderConfirmed("o-3"),
                new OrderCancelled("o-3", "payment failed: card declined"));
    }

    static OrderPlaced orderPlaced() {
        return new OrderPlaced("o-3", USER_ID,
                List.of(new OrderLine("BOOK-1", 2, new BigDecimal("12.50")), new OrderLine("PEN-3", 1, new BigDecimal("3.20"))),
                new Money(new BigDecimal("28.20"), "EUR"));
    }
}
