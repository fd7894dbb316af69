package io.shopflow.eventstore;

import io.shopflow.events.DomainEvent;
import io.shopflow.events.EventCodec;
import io.shopflow.events.EventEnvelope;
import io.shopflow.events.EventMetadata;
import io.shopflow.events.PersonalField;
import io.shopflow.events.PlatformEvents;
import io.shopflow.events.order.Money;
import io.shopflow.events.order.OrderCancelled;
import io.shopflow.events.order.OrderConfirmed;
import io.shopflow.events.order.OrderLine;
import io.shopflow.events.order.OrderPlaced;
import io.shopflow.personaldata.DataKey;
import io.shopflow.personaldata.KeyId;
import io.shopflow.personaldata.PersonalData;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Real platform events, encoded as the services will encode them. */
final class TestEvents {

    static final EventCodec CODEC = new EventCodec(PlatformEvents.catalog());
    static final String SOURCE = "/order-service";
    static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private TestEvents() {
    }

    private static final List<OrderLine> LINES =
            List.of(new OrderLine("BOOK-1", 2, new BigDecimal("12.50")), new OrderLine("PEN-3", 1, new BigDecimal("3.20")));
    private static final Money TOTAL = new Money(new BigDecimal("28.20"), "EUR");

    /** One key seals every test's personal fields: what the outbox and relay do with an event does not depend on it. */
    private static final DataKey KEY = DataKey.generate(new KeyId(UUID.randomUUID(), 1));

    /** A personal field as user-service writes it. */
    static PersonalField sealed(String clearText) {
        return PersonalField.sealed(PersonalData.seal(KEY, clearText));
    }

    static OrderPlaced placed(String orderId) {
        return new OrderPlaced(orderId, userOf(orderId), LINES, TOTAL);
    }

    static OrderConfirmed confirmed(String orderId) {
        return new OrderConfirmed(orderId, userOf(orderId), LINES, TOTAL);
    }

    static OrderCancelled cancelled(String orderId) {
        return cancelled(orderId, "payment failed: card declined");
    }

    static OrderCancelled cancelled(String orderId, String reason) {
        return new OrderCancelled(orderId, userOf(orderId), reason);
    }

    private static String userOf(String orderId) {
        return "u-" + orderId;
    }

    static EventEnvelope envelope(DomainEvent event) {
        return CODEC.encode(event, metadata(), SOURCE);
    }

    static List<EventEnvelope> envelopes(DomainEvent... events) {
        return Arrays.stream(events).map(TestEvents::envelope).toList();
    }

    /** PostgreSQL keeps microseconds, so times are made at that precision to compare equal after a round trip. */
    static EventMetadata metadata() {
        return new EventMetadata(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MICROS), "corr-1", "cmd-1",
                TRACEPARENT);
    }
}
