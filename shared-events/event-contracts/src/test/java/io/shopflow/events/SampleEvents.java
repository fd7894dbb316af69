package io.shopflow.events;

import io.shopflow.events.inventory.StockCommitted;
import io.shopflow.events.inventory.StockLine;
import io.shopflow.events.inventory.StockRejected;
import io.shopflow.events.inventory.StockReleased;
import io.shopflow.events.inventory.StockReserved;
import io.shopflow.events.inventory.StockShortage;
import io.shopflow.events.order.Money;
import io.shopflow.events.order.OrderCancelled;
import io.shopflow.events.order.OrderConfirmed;
import io.shopflow.events.order.OrderLine;
import io.shopflow.events.order.OrderPaid;
import io.shopflow.events.order.OrderPlaced;
import io.shopflow.events.order.OrderShipped;
import io.shopflow.events.order.OrderStockReserved;
import io.shopflow.events.payment.PaymentCompleted;
import io.shopflow.events.payment.PaymentFailed;
import io.shopflow.events.payment.PaymentRefunded;
import io.shopflow.events.shipment.ShipmentScheduled;
import io.shopflow.events.user.UserErased;
import io.shopflow.events.user.UserRegistered;
import io.shopflow.events.user.UserUpdated;
import io.shopflow.personaldata.DataKey;
import io.shopflow.personaldata.KeyId;
import io.shopflow.personaldata.PersonalData;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One realistic instance of every platform event, and stored payloads of OrderPlaced's older versions. Tests reach
 * them through the event catalogue ({@link #of}, {@link #storedPayload}), so an event type or version registered
 * without a sample fails those tests instead of skipping them.
 */
final class SampleEvents {

    static final String USER_ID = "7d1c3b5e-4f7a-4c55-9d0e-0b7f3c1a2e44";
    private static final String PAYMENT_ID = "0b5e2f1c-6a3d-4e8b-9c7f-1d2e3f4a5b6c";
    private static final String SHIPMENT_ID = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    private static final List<OrderLine> LINES =
            List.of(new OrderLine("BOOK-1", 2, new BigDecimal("12.50")), new OrderLine("PEN-3", 1, new BigDecimal("3.20")));
    private static final Money TOTAL = new Money(new BigDecimal("28.20"), "EUR");

    /** The sample user's data key: personal fields are sealed as user-service seals them. */
    static final DataKey USER_KEY = DataKey.generate(new KeyId(UUID.fromString(USER_ID), 1));

    static final String USER_REGISTERED_V1 = """
            {"userId": "7d1c3b5e-4f7a-4c55-9d0e-0b7f3c1a2e44", "name": "Ada Lovelace", "email": "ada@example.com",
             "address": "London"}""";
    static final String USER_UPDATED_V1 = """
            {"userId": "7d1c3b5e-4f7a-4c55-9d0e-0b7f3c1a2e44", "name": "Ada Lovelace", "email": "ada@example.com",
             "address": "Paris", "credit": 70.00, "version": 3}""";
    static final String ORDER_PLACED_V1 = """
            {"orderId": "o-1", "customerId": "c-9", "items": [{"sku": "BOOK-1", "qty": 2, "price": 12.50}],
             "total": 25.00}""";
    static final String ORDER_PLACED_V2 = """
            {"orderId": "o-2", "userId": "u-7", "items": [{"sku": "PEN-3", "qty": 1, "price": 3.20}],
             "total": 3.20, "currency": "USD"}""";

    private SampleEvents() {
    }

    private static final Map<String, String> STORED_PAYLOADS =
            Map.of("OrderPlaced.v1", ORDER_PLACED_V1, "OrderPlaced.v2", ORDER_PLACED_V2,
                    "UserRegistered.v1", USER_REGISTERED_V1, "UserUpdated.v1", USER_UPDATED_V1);

    /** The sample of the catalogue entry's event type; fails the calling test if there is none. */
    static DomainEvent of(EventCatalog.Entry entry) {
        return all().stream().filter(sample -> sample.getClass() == entry.recordType()).findFirst()
                .orElseThrow(() -> new AssertionError("No sample event for " + entry.name()
                        + ": add one to SampleEvents.all() so its schema and round trip are checked"));
    }

    /** A payload as stored by an older version of an event type; fails the calling test if there is none. */
    static String storedPayload(String ceType) {
        var payload = STORED_PAYLOADS.get(ceType);
        if (payload == null) {
            throw new AssertionError("No stored payload for " + ceType
                    + ": add one to SampleEvents so its historic schema and upcasting are checked");
        }
        return payload;
    }

    private static List<DomainEvent> all() {
        return List.of(
                new UserRegistered(USER_ID, sealed("Ada Lovelace"), sealed("ada@example.com"), sealed("London")),
                new UserUpdated(USER_ID, sealed("Ada Lovelace"), sealed("ada@example.com"), sealed("Paris"),
                        new BigDecimal("70.00"), 3),
                new UserErased(USER_ID),
                orderPlaced(),
                new OrderStockReserved("o-3"),
                new OrderPaid("o-3", PAYMENT_ID),
                new OrderConfirmed("o-3", USER_ID, LINES, TOTAL),
                new OrderShipped("o-3", SHIPMENT_ID),
                new OrderCancelled("o-3", USER_ID, "payment failed: card declined"),
                new StockReserved("o-3", USER_ID, List.of(new StockLine("BOOK-1", 2), new StockLine("PEN-3", 1)), TOTAL),
                new StockRejected("o-3", USER_ID, List.of(new StockShortage("BOOK-1", 2, 1))),
                new StockReleased("o-3", List.of(new StockLine("BOOK-1", 2)), "payment failed: card declined"),
                new StockCommitted("o-3", List.of(new StockLine("BOOK-1", 2))),
                new PaymentCompleted(PAYMENT_ID, "o-3", USER_ID, TOTAL, "ch_8f2a"),
                new PaymentFailed(PAYMENT_ID, "o-3", USER_ID, TOTAL, "card declined"),
                new PaymentRefunded(PAYMENT_ID, "o-3", USER_ID, TOTAL, "order cancelled: deadline passed"),
                new ShipmentScheduled(SHIPMENT_ID, "o-3", USER_ID, "DHL", LocalDate.of(2026, 12, 1)));
    }

    static PersonalField sealed(String clearText) {
        return PersonalField.sealed(PersonalData.seal(USER_KEY, clearText));
    }

    static OrderPlaced orderPlaced() {
        return new OrderPlaced("o-3", USER_ID, LINES, TOTAL);
    }
}
