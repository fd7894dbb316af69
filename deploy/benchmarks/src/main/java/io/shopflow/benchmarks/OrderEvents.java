package io.shopflow.benchmarks;

import io.shopflow.events.EventCodec;
import io.shopflow.events.EventEnvelope;
import io.shopflow.events.EventMetadata;
import io.shopflow.events.PlatformEvents;
import io.shopflow.events.Topics;
import io.shopflow.events.order.Money;
import io.shopflow.events.order.OrderLine;
import io.shopflow.events.order.OrderPlaced;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Real {@code OrderPlaced.v3} envelopes, encoded as order-service will encode them, so both paths send records
 * of the real size with the real headers. Every event is a new order: ids spread evenly over the relay's lanes.
 */
final class OrderEvents {

    static final String TOPIC = Topics.forAggregate("order");

    private static final EventCodec CODEC = new EventCodec(PlatformEvents.catalog());
    private static final String SOURCE = "//shopflow/order-service";
    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private OrderEvents() {
    }

    /** {@code count} events whose aggregate ids start with {@code runPrefix}, so a consumer can pick them out. */
    static List<EventEnvelope> batch(String runPrefix, int count) {
        return IntStream.range(0, count).mapToObj(n -> placed(runPrefix + "-" + n)).toList();
    }

    /** One order placed now: {@code ce_time} is the moment of this call, the start of a latency measurement. */
    static EventEnvelope placed(String orderId) {
        var order = new OrderPlaced(orderId, "user-" + orderId,
                List.of(new OrderLine("BOOK-1", 2, new BigDecimal("12.50")),
                        new OrderLine("PEN-3", 1, new BigDecimal("3.20"))),
                new Money(new BigDecimal("28.20"), "EUR"));
        // PostgreSQL keeps microseconds: the relay sends the time it reads back, so both paths use that precision.
        var metadata = new EventMetadata(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MICROS),
                "corr-" + orderId, "cmd-" + orderId, TRACEPARENT);
        return CODEC.encode(order, metadata, SOURCE);
    }
}
