package io.shopflow.events.quarkus;

import io.shopflow.events.CloudEventHeaders;
import io.shopflow.events.DomainEvent;
import io.shopflow.events.EventCodec;
import io.shopflow.events.EventEnvelope;
import io.shopflow.events.EventMetadata;
import io.shopflow.events.order.Money;
import io.shopflow.events.order.OrderCancelled;
import io.shopflow.events.order.OrderConfirmed;
import io.shopflow.events.order.OrderLine;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/** An order of one test: its events for the test consumer ({@link OrderEffectsConsumer}) and the effects they had. */
record TestOrder(String id, EventCodec codec) {

    static TestOrder fresh(EventCodec codec) {
        return new TestOrder("order-" + UUID.randomUUID(), codec);
    }

    EventEnvelope envelope(DomainEvent event) {
        return codec.encode(event, EventMetadata.startOf("corr-" + id, null), "//shopflow/test");
    }

    OrderConfirmed confirmed() {
        return new OrderConfirmed(id, "u-1", List.of(new OrderLine("BOOK-1", 1, BigDecimal.TEN)),
                new Money(BigDecimal.TEN, "EUR"));
    }

    OrderCancelled cancelled(String reason) {
        return new OrderCancelled(id, "u-1", reason);
    }

    /** The event as a record of the order topic, keyed by the order, with {@code value} as its payload. */
    ProducerRecord<String, byte[]> record(EventEnvelope envelope, byte[] value) {
        var record = new ProducerRecord<>("shopflow.order", id, value);
        CloudEventHeaders.write(envelope, record.headers());
        return record;
    }

    ProducerRecord<String, byte[]> record(EventEnvelope envelope) {
        return record(envelope, envelope.data().getBytes(StandardCharsets.UTF_8));
    }

    /** Effects the test consumer committed for the event. */
    static long effects(Pool pool, EventEnvelope envelope) {
        return pool.preparedQuery("SELECT count(*) FROM order_effects WHERE event_id = $1")
                .execute(Tuple.of(envelope.id()))
                .map(rows -> rows.iterator().next().getLong(0)).await().indefinitely();
    }
}
