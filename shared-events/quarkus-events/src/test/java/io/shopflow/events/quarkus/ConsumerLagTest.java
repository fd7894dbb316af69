package io.shopflow.events.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.shopflow.events.EventEnvelope;
import io.shopflow.events.order.Money;
import io.shopflow.events.order.OrderConfirmed;
import io.shopflow.events.order.OrderLine;
import io.shopflow.events.payment.PaymentCompleted;
import io.shopflow.events.testing.KafkaEvents;
import io.shopflow.infra.testing.TopicReader;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A consumer that stops moving is seen in its lag: with the test application's consumer stopped (its partitions
 * paused: it still polls, so it stays in its group, but fetches nothing, handles nothing and commits nothing), events
 * sent to it show as records behind on their partition and as seconds behind that keep growing; resumed, it handles
 * them and both fall to zero. The lag is read from the real broker every second
 * (src/test/resources/application.properties).
 */
@QuarkusTest
class ConsumerLagTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String TOPIC = "shopflow.order";
    private static final int EVENTS = 3;
    private static final String PAYMENTS_GROUP = "events-test-payments";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "quarkus.application.name")
    String group;

    @Inject
    KafkaClientService kafkaClients;

    @Inject
    MeterRegistry registry;

    @Inject
    Pool pool;

    @Test
    void a_stopped_consumer_falls_behind_in_records_and_seconds_and_catches_up_once_resumed() {
        String orderId = "order-" + UUID.randomUUID();
        List<KafkaConsumer<String, byte[]>> orders = kafkaClients.getConsumers("orders");
        await("the consumer in its group, with partitions to pause",
                () -> orders.stream().allMatch(consumer -> !consumer.getAssignments().await().indefinitely().isEmpty()));
        List<EventEnvelope> sent;
        String partition;
        orders.forEach(consumer -> consumer.pause().await().indefinitely());
        try (var kafka = new KafkaEvents(bootstrapServers)) {
            sent = IntStream.range(0, EVENTS).mapToObj(n -> kafka.publish(confirmed(orderId), "corr-" + orderId))
                    .toList();
            partition = Integer.toString(TopicReader.readUntil(bootstrapServers, TOPIC,
                    record -> orderId.equals(record.key()), found -> !found.isEmpty(), PATIENCE).get(0).partition());

            await("the stopped consumer's events counted as records behind",
                    () -> lag("records", partition) >= EVENTS && lag("seconds", partition) > 0);
            double firstSeen = lag("seconds", partition);
            await("seconds behind growing while the consumer stands still",
                    () -> lag("seconds", partition) >= firstSeen + 2);
            assertThat(sent).allSatisfy(event -> assertThat(effects(event)).as("nothing handled while stopped")
                    .isZero());
        } finally {
            orders.forEach(consumer -> consumer.resume().await().indefinitely());
        }

        await("the resumed consumer caught up", () -> lag("records", partition) == 0 && lag("seconds", partition) == 0);
        assertThat(sent).allSatisfy(event -> assertThat(effects(event)).isEqualTo(1));
    }

    @Test
    void a_channel_split_over_concurrent_consumers_is_measured_as_one_group_on_every_partition() {
        // SmallRye runs a channel of concurrency n as n channels, payments$1 to payments$n.
        List<KafkaConsumer<String, byte[]>> payments = kafkaClients.getConsumerChannels().stream()
                .filter(channel -> channel.startsWith("payments$"))
                .flatMap(channel -> kafkaClients.<String, byte[]>getConsumers(channel).stream()).toList();
        assertThat(payments).as("the payments channel's consumers (src/test/resources/application.properties)")
                .hasSize(2);
        try (var kafka = new KafkaEvents(bootstrapServers)) {
            kafka.publish(new PaymentCompleted("payment-" + UUID.randomUUID(), "order-1", "u-1",
                    new Money(BigDecimal.TEN, "EUR"), "provider-1"), "corr-lag");
        }

        await("the payments group measured on every partition of its topic, caught up", () -> {
            var gauges = registry.find("shopflow.events.consumer.lag.records")
                    .tags("group", PAYMENTS_GROUP, "topic", "shopflow.payment").gauges();
            int partitions = payments.get(0).partitionsFor("shopflow.payment").await().atMost(PATIENCE).size();
            return gauges.size() == partitions && gauges.stream().allMatch(gauge -> gauge.value() == 0);
        });
    }

    /** The gauge's value for the test application's group on the partition; -1 while it has none. */
    private double lag(String unit, String partition) {
        Gauge gauge = registry.find("shopflow.events.consumer.lag." + unit)
                .tags("group", group, "topic", TOPIC, "partition", partition).gauge();
        return gauge == null ? -1 : gauge.value();
    }

    private long effects(EventEnvelope envelope) {
        return pool.preparedQuery("SELECT count(*) FROM order_effects WHERE event_id = $1")
                .execute(Tuple.of(envelope.id()))
                .map(rows -> rows.iterator().next().getLong(0)).await().indefinitely();
    }

    private static OrderConfirmed confirmed(String orderId) {
        return new OrderConfirmed(orderId, "u-1", List.of(new OrderLine("BOOK-1", 1, BigDecimal.TEN)),
                new Money(BigDecimal.TEN, "EUR"));
    }

    private static void await(String what, Callable<Boolean> condition) {
        Awaitility.await(what).atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(condition);
    }
}
