package io.shopflow.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.shopflow.events.CloudEventHeaders;
import io.shopflow.events.EventCodec;
import io.shopflow.events.EventMetadata;
import io.shopflow.events.PlatformEvents;
import io.shopflow.events.order.Money;
import io.shopflow.events.order.OrderLine;
import io.shopflow.events.order.OrderPlaced;
import io.shopflow.events.quarkus.IdempotentConsumer;
import io.shopflow.events.testing.KafkaEvents;
import io.shopflow.inventory.app.StockReservations;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.commit.KafkaIgnoreCommit;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

/**
 * Orders for the same products handled at the same time, as several instances (or partitions) of the service do:
 * the records go through the real consumer path (inbox, transaction, outbox, relay) all at once, not one by one as a
 * single partition would deliver them, so the row locks are what keeps the stock right.
 */
@QuarkusTest
class ConcurrentReservationsTest {

    private static final int ORDERS = 20;
    private static final int SCARCE_UNITS = 5;

    /** A record the consumer gives up on fails the test (the connector would dead-letter it). */
    private static final KafkaFailureHandler GIVING_UP_FAILS = new KafkaFailureHandler() {
        @Override
        public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
            return Uni.createFrom().failure(reason);
        }
    };

    private final EventCodec codec = new EventCodec(PlatformEvents.catalog());

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    IdempotentConsumer consumer;

    @Inject
    StockReservations reservations;

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Test
    void simultaneous_orders_reserve_exactly_what_is_there_without_deadlocks() {
        String scarce = TestProducts.add(pool, SCARCE_UNITS);
        String plenty = TestProducts.add(pool, 1000);
        var orderIds = new ArrayList<String>();
        var handling = new ArrayList<Uni<Void>>();
        for (int n = 0; n < ORDERS; n++) {
            String orderId = UUID.randomUUID().toString();
            orderIds.add(orderId);
            // Half the orders name the products the other way round: locking in line order would deadlock.
            var lines = n % 2 == 0 ? List.of(line(scarce), line(plenty)) : List.of(line(plenty), line(scarce));
            handling.add(onEventLoop(record(new OrderPlaced(orderId, "u-1", lines,
                    new Money(new BigDecimal("20.00"), "EUR")), n)));
        }

        Uni.join().all(handling).andCollectFailures().await().atMost(Duration.ofSeconds(60));

        var statuses = statuses(orderIds);
        assertThat(statuses.values()).filteredOn("RESERVED"::equals).hasSize(SCARCE_UNITS);
        assertThat(statuses.values()).filteredOn("REJECTED"::equals).hasSize(ORDERS - SCARCE_UNITS);
        assertThat(TestProducts.reserved(scarce)).isEqualTo(SCARCE_UNITS);
        assertThat(TestProducts.onHand(scarce)).isEqualTo(SCARCE_UNITS);
        assertThat(TestProducts.reserved(plenty)).as("a rejected order reserves none of its other lines")
                .isEqualTo(SCARCE_UNITS);
        try (var events = new KafkaEvents(bootstrapServers)) {
            orderIds.forEach(orderId -> assertThat(events.read("shopflow.inventory", orderId, 1).get(0).type())
                    .isEqualTo(statuses.get(orderId).equals("RESERVED") ? "StockReserved" : "StockRejected"));
        }
    }

    /**
     * Hands the record to the consumer as a batch of its own, on a Vert.x context of its own, as the Kafka connector
     * does for each consumer of a group; offsets are not committed (no broker consumer here) and a record given up on
     * fails the test.
     */
    private Uni<Void> onEventLoop(ConsumerRecord<String, byte[]> record) {
        var batch = new IncomingKafkaRecordBatch<>(new ConsumerRecords<>(Map.of(
                new TopicPartition(record.topic(), record.partition()), List.of(record)), Map.of()), "orders", -1,
                new KafkaIgnoreCommit(), GIVING_UP_FAILS, false, false);
        return Uni.createFrom().emitter(emitter -> vertx.getOrCreateContext().runOnContext(() -> consumer
                .consume(batch, reservations.handlers()).subscribe().with(emitter::complete, emitter::fail)));
    }

    private static OrderLine line(String sku) {
        return new OrderLine(sku, 1, BigDecimal.TEN);
    }

    /** The record the broker would deliver for {@code event}, written as order-service's relay writes it. */
    private ConsumerRecord<String, byte[]> record(OrderPlaced event, long offset) {
        var envelope = codec.encode(event, EventMetadata.startOf(event.orderId(), null), "//shopflow/test");
        var record = new ConsumerRecord<>("shopflow.order", 0, offset, event.orderId(), envelope.data().getBytes(StandardCharsets.UTF_8));
        CloudEventHeaders.write(envelope, record.headers());
        return record;
    }

    private Map<String, String> statuses(List<String> orderIds) {
        var statuses = new HashMap<String, String>();
        pool.preparedQuery("SELECT order_id, status FROM reservations WHERE order_id = ANY($1)")
                .execute(Tuple.of(orderIds.toArray(String[]::new))).await().indefinitely()
                .forEach(row -> statuses.put(row.getString("order_id"), row.getString("status")));
        assertThat(statuses).hasSize(orderIds.size());
        return statuses;
    }
}
