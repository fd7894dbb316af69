package io.shopflow.events.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.test.junit.QuarkusTest;
import io.shopflow.events.CloudEventHeaders;
import io.shopflow.events.DomainEvent;
import io.shopflow.events.EventCodec;
import io.shopflow.events.EventEnvelope;
import io.shopflow.events.EventMetadata;
import io.shopflow.events.MalformedEventException;
import io.shopflow.events.order.OrderCancelled;
import io.shopflow.events.order.OrderConfirmed;
import io.shopflow.events.order.OrderShipped;
import io.shopflow.infra.testing.DatabaseOutage;
import io.shopflow.infra.testing.TopicReader;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Records go through the real broker to the test consumer; effects are read from the real database. */
@QuarkusTest
class IdempotentConsumerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** More waits for the database than a failing event gets retries. */
    private static final int OUTAGE_WAITS = 5;
    /** The test channel's second topic (src/test/resources/application.properties). */
    private static final String SECOND_TOPIC = "shopflow.shipment";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "mp.messaging.incoming.orders.group.id", defaultValue = "events-test")
    String groupId;

    @Inject
    EventCodec codec;

    @Inject
    Pool pool;

    @Inject
    OrderEffectsConsumer consumer;

    @Inject
    MeterRegistry registry;

    @Inject
    DomainEvents domainEvents;

    @Inject
    Tracer tracer;

    @Inject
    KafkaClientService kafkaClients;

    private KafkaProducer<String, byte[]> producer;
    private TestOrder order;
    private String orderId;

    @BeforeEach
    void setUp() {
        order = TestOrder.fresh(codec);
        orderId = order.id();
        // Records sent in one call are held until the flush, so they reach the broker as one record batch and the
        // consumer's next poll returns them together: one batch of the consumer's.
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 60_000, ProducerConfig.BATCH_SIZE_CONFIG, 1 << 20),
                new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void tearDown() {
        producer.close();
    }

    private EventEnvelope envelope(DomainEvent event) {
        return order.envelope(event);
    }

    /** Sends the records as one record batch (same key, same partition); returns where each one landed. */
    @SafeVarargs
    private List<RecordMetadata> send(ProducerRecord<String, byte[]>... records) {
        return send(List.of(records));
    }

    private List<RecordMetadata> send(List<ProducerRecord<String, byte[]>> records) {
        var sent = records.stream().map(producer::send).toList();
        producer.flush();
        return sent.stream().map(future -> {
            try {
                return future.get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private void send(EventEnvelope envelope) {
        send(record(envelope));
    }

    private ProducerRecord<String, byte[]> record(EventEnvelope envelope) {
        return order.record(envelope);
    }

    private ProducerRecord<String, byte[]> record(EventEnvelope envelope, byte[] value) {
        return order.record(envelope, value);
    }

    private long effects(EventEnvelope envelope) {
        return TestOrder.effects(pool, envelope);
    }

    private static void await(String what, Callable<Boolean> condition) {
        Awaitility.await(what).atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(condition);
    }

    private List<ConsumerRecord<String, byte[]>> deadLetters(int expected) {
        return TopicReader.readUntil(bootstrapServers, "shopflow.order.dlq.events-test",
                record -> orderId.equals(record.key()), found -> found.size() >= expected, PATIENCE);
    }

    private OrderConfirmed confirmed() {
        return order.confirmed();
    }

    private OrderCancelled cancelled(String reason) {
        return order.cancelled(reason);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void a_redelivered_event_has_one_effect() {
        var confirmed = envelope(confirmed());
        var later = envelope(cancelled("customer changed their mind"));
        long duplicatesBefore = registry.timer("shopflow.events.consumed", "type", "OrderConfirmed.v1",
                "outcome", "duplicate").count();

        send(confirmed);
        send(confirmed);
        send(later);

        // Same key, so processed in order: once the later event took effect, both deliveries were handled.
        await("the later event's effect", () -> effects(later) == 1);
        assertThat(effects(confirmed)).isEqualTo(1);
        assertThat(registry.timer("shopflow.events.consumed", "type", "OrderConfirmed.v1", "outcome", "duplicate")
                .count()).isEqualTo(duplicatesBefore + 1);
    }

    @Test
    void an_event_without_a_handler_is_acknowledged_without_a_transaction_and_after_effects_run_once_per_effect() {
        var shipped = envelope(new OrderShipped(orderId, "shipment-1"));
        var confirmed = envelope(confirmed());
        double ignoredBefore = registry.counter("shopflow.events.ignored", "type", "OrderShipped.v1").count();
        long duplicatesBefore = duplicateConfirmations();
        int committedBefore = consumer.committed();

        send(shipped);
        send(confirmed);
        send(confirmed);

        await("the confirmation's effect", () -> effects(confirmed) == 1);
        assertThat(consumer.attempts(shipped.id())).as("the handler never saw the unhandled event").isZero();
        assertThat(inboxRows(shipped)).as("nor was it written down").isZero();
        assertThat(registry.counter("shopflow.events.ignored", "type", "OrderShipped.v1").count())
                .isEqualTo(ignoredBefore + 1);
        await("the duplicate's delivery", () -> duplicateConfirmations() > duplicatesBefore);
        assertThat(consumer.committed()).as("one effect, not the duplicate or the ignored event")
                .isEqualTo(committedBefore + 1);
    }

    @Test
    void an_event_no_handler_is_for_is_left_unread_in_any_version_while_an_unreadable_one_of_its_own_is_dead_lettered() {
        var shipped = envelope(new OrderShipped(orderId, "shipment-1"));
        var shippedLater = envelope(new OrderShipped(orderId, "shipment-2"));
        var confirmed = envelope(confirmed());
        var notJson = envelope(confirmed());
        double ignoredBefore = registry.counter("shopflow.events.ignored", "type", "OrderShipped.v1").count();
        double newerIgnoredBefore = registry.counter("shopflow.events.ignored", "type", "OrderShipped.newer").count();
        double malformedBefore = givenUp("malformed");

        // One handled by nobody here with a payload nobody could read, one in a version this code does not know
        // yet: neither is this consumer's to judge. The unreadable confirmation is.
        var newer = record(shippedLater);
        newer.headers().remove(CloudEventHeaders.TYPE).add(CloudEventHeaders.TYPE,
                "OrderShipped.v9".getBytes(StandardCharsets.UTF_8));
        send(record(shipped, "{not json".getBytes(StandardCharsets.UTF_8)), newer,
                record(notJson, "{not json".getBytes(StandardCharsets.UTF_8)), record(confirmed));

        await("the confirmation after them", () -> effects(confirmed) == 1);
        assertThat(registry.counter("shopflow.events.ignored", "type", "OrderShipped.v1").count())
                .isEqualTo(ignoredBefore + 1);
        assertThat(registry.counter("shopflow.events.ignored", "type", "OrderShipped.newer").count())
                .as("counted under its name, not one metric series per version a producer makes up")
                .isEqualTo(newerIgnoredBefore + 1);
        assertThat(givenUp("malformed")).as("only the confirmation that could not be read").isEqualTo(malformedBefore + 1);
        assertThat(inboxRows(shipped) + inboxRows(shippedLater)).isZero();
    }

    private long duplicateConfirmations() {
        return registry.timer("shopflow.events.consumed", "type", "OrderConfirmed.v1", "outcome", "duplicate").count();
    }

    private long inboxRows(EventEnvelope envelope) {
        return pool.preparedQuery("SELECT count(*) FROM inbox WHERE event_id = $1")
                .execute(Tuple.of(envelope.id()))
                .map(rows -> rows.iterator().next().getLong(0)).await().indefinitely();
    }

    @Test
    void a_failure_worth_retrying_is_retried_until_it_succeeds() {
        var flaky = envelope(cancelled(OrderEffectsConsumer.FLAKY));

        send(flaky);

        await("the flaky event's effect", () -> effects(flaky) == 1);
        assertThat(consumer.attempts(flaky.id())).isEqualTo(3);
    }

    @Test
    void an_event_meeting_an_unreachable_database_waits_for_it_instead_of_being_dead_lettered() throws Exception {
        var confirmed = envelope(confirmed());
        String database = pool.query("SELECT current_database()").execute().await().indefinitely()
                .iterator().next().getString(0);
        double givenUpBefore = givenUp("retries-exhausted");

        try (var outage = DatabaseOutage.begin(database)) {
            double waitsBefore = databaseWaits();
            send(confirmed);
            // The record arrived during the outage and met it, more often than its retries would allow (3, backing
            // off from 20 ms to 100 ms): had it been retried as a failing event, it would be dead-lettered by now.
            await("the event to meet the outage repeatedly",
                    () -> databaseWaits() > waitsBefore + OUTAGE_WAITS);
        }

        await("the event's effect once the database is back", () -> effects(confirmed) == 1);
        assertThat(givenUp("retries-exhausted")).as("events given up on").isEqualTo(givenUpBefore);
    }

    @Test
    void unreadable_and_failing_records_are_dead_lettered_and_the_partition_moves_on() {
        var notJson = envelope(confirmed());
        var broken = envelope(cancelled(OrderEffectsConsumer.BROKEN));
        var next = envelope(confirmed());
        double malformedBefore = givenUp("malformed");
        double exhaustedBefore = givenUp("retries-exhausted");

        send(record(notJson, "{not json".getBytes(StandardCharsets.UTF_8)),
                new ProducerRecord<>("shopflow.order", orderId, "no envelope".getBytes(StandardCharsets.UTF_8)),
                record(broken), record(next));

        await("the record after the poison", () -> effects(next) == 1);
        assertThat(consumer.batchSizeOf(next.id())).as("all four came in one batch").isEqualTo(4);
        var dead = deadLetters(3);
        assertThat(dead).extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
                .containsExactly("{not json", "no envelope", broken.data());
        assertThat(header(dead.get(0), "dead-letter-exception-class-name"))
                .isEqualTo(MalformedEventException.class.getName());
        assertThat(header(dead.get(0), "dead-letter-reason")).contains("is not JSON");
        assertThat(header(dead.get(1), "dead-letter-reason")).contains("ce_specversion");
        assertThat(header(dead.get(2), "dead-letter-reason")).contains("cannot cancel " + orderId);
        assertThat(consumer.attempts(notJson.id())).as("never retried, never handled").isZero();
        assertThat(consumer.attempts(broken.id()))
                .as("once with the record after it, then alone: the first try and three retries").isEqualTo(5);
        assertThat(effects(broken)).isZero();
        assertThat(givenUp("malformed")).isEqualTo(malformedBefore + 2);
        assertThat(givenUp("retries-exhausted")).isEqualTo(exhaustedBefore + 1);
    }

    @Test
    void the_handler_continues_the_trace_the_event_was_written_in() {
        String producerTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
        String producerSpan = "00f067aa0ba902b7";
        var traced = codec.encode(confirmed(),
                EventMetadata.startOf("corr-" + orderId, "00-" + producerTrace + "-" + producerSpan + "-01"),
                "//shopflow/test");

        send(traced);

        await("the traced event's effect", () -> effects(traced) == 1);
        var seen = consumer.traceparentSeen(traced.id());
        assertThat(seen).as("same trace, the consumer's own span").startsWith("00-" + producerTrace + "-")
                .doesNotContain(producerSpan);
        var caused = domainEvents.causedBy(traced.withTraceparent(seen)).get();
        assertThat(caused.traceparent()).as("events the handler publishes continue its span").isEqualTo(seen);
        assertThat(caused.correlationId()).isEqualTo(traced.correlationId());
        assertThat(caused.causationId()).isEqualTo(traced.id().toString());
    }

    @Test
    void a_new_flow_continues_the_trace_of_the_current_span() {
        var request = tracer.spanBuilder("request").startSpan();
        EventMetadata metadata;
        try (var scope = request.makeCurrent()) {
            metadata = domainEvents.newFlow().get();
        } finally {
            request.end();
        }
        var context = request.getSpanContext();
        assertThat(metadata.traceparent()).isEqualTo("00-" + context.getTraceId() + "-" + context.getSpanId() + "-"
                + context.getTraceFlags().asHex());
    }

    @Test
    void an_event_that_can_never_be_processed_is_dead_lettered_without_retries() {
        var unknown = envelope(cancelled(OrderEffectsConsumer.UNKNOWN));
        var next = envelope(confirmed());
        double unprocessableBefore = givenUp("unprocessable");

        send(unknown);
        var dead = deadLetters(1);
        send(next);

        await("the record after the unprocessable one", () -> effects(next) == 1);
        assertThat(dead).extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
                .containsExactly(unknown.data());
        assertThat(header(dead.get(0), "dead-letter-reason")).contains("no order " + orderId);
        assertThat(consumer.attempts(unknown.id())).as("tried once, never retried").isEqualTo(1);
        assertThat(givenUp("unprocessable")).isEqualTo(unprocessableBefore + 1);
    }

    @Test
    void a_batch_with_a_duplicate_has_one_effect_per_event() {
        var first = envelope(confirmed());
        var second = envelope(cancelled("changed their mind"));
        long duplicatesBefore = duplicateConfirmations();
        int committedBefore = consumer.committed();

        send(record(first), record(second), record(first));

        await("the batch's effects", () -> effects(first) == 1 && effects(second) == 1);
        assertThat(consumer.batchSizeOf(first.id())).as("one batch").isEqualTo(3);
        await("the duplicate counted", () -> duplicateConfirmations() == duplicatesBefore + 1);
        assertThat(effects(first)).isEqualTo(1);
        assertThat(consumer.attempts(first.id())).as("handled once").isEqualTo(1);
        assertThat(consumer.committed()).as("one commit for the batch").isEqualTo(committedBefore + 1);
    }

    @Test
    void a_poll_of_several_partitions_and_topics_is_one_transaction() {
        var other = TestOrder.fresh(codec);
        var third = TestOrder.fresh(codec);
        var mine = envelope(confirmed());
        var theirs = other.envelope(other.confirmed());
        var onAnotherTopic = third.envelope(third.confirmed());
        int committedBefore = consumer.committed();

        // Paused while they are sent, so that the next poll finds every partition's records there.
        onPollingThread(kafka -> kafka.pause(kafka.assignment()));
        try {
            send(inPartition(record(mine), 0), inPartition(other.record(theirs), 1),
                    on(SECOND_TOPIC, third.record(onAnotherTopic)));
        } finally {
            onPollingThread(kafka -> kafka.resume(kafka.paused()));
        }

        await("the three effects", () -> effects(mine) == 1 && TestOrder.effects(pool, theirs) == 1
                && TestOrder.effects(pool, onAnotherTopic) == 1);
        assertThat(consumer.batchSizeOf(mine.id())).as("one poll").isEqualTo(3);
        assertThat(consumer.committed()).as("one commit for both partitions and both topics")
                .isEqualTo(committedBefore + 1);
    }

    @Test
    void a_record_given_up_on_goes_to_the_dead_letter_topic_of_the_topic_it_came_from() {
        byte[] unreadable = "no envelope".getBytes(StandardCharsets.UTF_8);
        var next = envelope(confirmed());

        send(new ProducerRecord<>(SECOND_TOPIC, orderId, unreadable),
                new ProducerRecord<>("shopflow.order.redrive.events-test", orderId, unreadable), record(next));

        await("the record after them", () -> effects(next) == 1);
        assertThat(TopicReader.readUntil(bootstrapServers, SECOND_TOPIC + ".dlq.events-test",
                record -> orderId.equals(record.key()), found -> !found.isEmpty(), PATIENCE))
                .extracting(record -> header(record, "dead-letter-topic")).containsExactly(SECOND_TOPIC);
        assertThat(deadLetters(1)).as("a redriven record dead-lettered again goes where it went the first time")
                .extracting(record -> header(record, "dead-letter-topic"))
                .containsExactly("shopflow.order.redrive.events-test");
    }

    private static ProducerRecord<String, byte[]> inPartition(ProducerRecord<String, byte[]> record, int partition) {
        return new ProducerRecord<>(record.topic(), partition, record.key(), record.value(), record.headers());
    }

    private static ProducerRecord<String, byte[]> on(String topic, ProducerRecord<String, byte[]> record) {
        return new ProducerRecord<>(topic, null, record.key(), record.value(), record.headers());
    }

    private void onPollingThread(Consumer<org.apache.kafka.clients.consumer.Consumer<String, byte[]>> action) {
        kafkaClients.<String, byte[]>getConsumer("orders").runOnPollingThread(action).await().atMost(PATIENCE);
    }

    @Test
    void the_batch_locks_are_taken_first_on_the_batch_transaction_with_its_new_events_in_record_order() {
        var confirmed = envelope(confirmed());
        var cancelled = envelope(cancelled("customer changed their mind"));
        send(record(confirmed));
        await("the confirmation's effect", () -> effects(confirmed) == 1);

        send(record(confirmed), record(cancelled), record(confirmed));

        await("the cancellation's effect", () -> effects(cancelled) == 1);
        assertThat(consumer.batchSizeOf(cancelled.id())).isEqualTo(3);
        // The confirmation alone, then the batch's one new event: its duplicates are nobody's to lock for.
        assertThat(consumer.givenToBatchLocks(orderId)).containsExactly("OrderConfirmed", "OrderCancelled");
        assertThat(consumer.batchLockHeld(confirmed.id())).isTrue();
        assertThat(consumer.batchLockHeld(cancelled.id())).isTrue();
    }

    @Test
    void a_poison_record_in_the_middle_of_a_batch_is_dead_lettered_alone_and_the_others_take_effect_once() {
        var before = List.of(envelope(confirmed()), envelope(cancelled("first")));
        var poison = envelope(cancelled(OrderEffectsConsumer.UNKNOWN));
        var after = List.of(envelope(confirmed()), envelope(cancelled("second")));
        double splitsBefore = splits();

        send(record(before.get(0)), record(before.get(1)), record(poison), record(after.get(0)), record(after.get(1)));

        var dead = deadLetters(1);
        await("the records after the poison", () -> effects(after.get(1)) == 1);
        assertThat(consumer.batchSizeOf(poison.id())).as("one batch").isEqualTo(5);
        assertThat(dead).extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
                .containsExactly(poison.data());
        assertThat(Stream.concat(before.stream(), after.stream()).map(this::effects)).containsOnly(1L);
        assertThat(effects(poison)).isZero();
        assertThat(splits()).as("split until the poison stood alone").isGreaterThan(splitsBefore);
    }

    @Test
    void the_database_going_away_mid_batch_loses_nothing_and_doubles_nothing() {
        var events = List.of(envelope(confirmed()), envelope(cancelled("first")),
                envelope(cancelled(OrderEffectsConsumer.OUTAGE)), envelope(confirmed()));
        double givenUpBefore = givenUp("retries-exhausted");
        double waitsBefore = databaseWaits();

        send(events.stream().map(this::record).toList());

        await("the batch to meet the outage it caused", () -> consumer.outage() != null
                && databaseWaits() > waitsBefore + OUTAGE_WAITS);
        consumer.outage().close();
        await("every effect once the database is back", () -> events.stream().allMatch(event -> effects(event) == 1));
        assertThat(consumer.batchSizeOf(events.get(0).id())).as("one batch").isEqualTo(4);
        assertThat(consumer.attempts(events.get(0).id())).as("the first attempt rolled back, then again").isEqualTo(2);
        assertThat(givenUp("retries-exhausted")).as("events given up on").isEqualTo(givenUpBefore);
    }

    @Test
    void a_batch_delivered_again_after_its_commit_has_no_second_effect() {
        var events = List.of(envelope(confirmed()), envelope(cancelled("first")), envelope(confirmed()));
        long duplicatesBefore = duplicateConfirmations();

        var landed = send(events.stream().map(this::record).toList());
        await("the batch's effects", () -> events.stream().allMatch(event -> effects(event) == 1));
        // What a consumer that died after its commit, before committing the offsets, meets on its return.
        rewindTo(landed.get(0));

        await("the batch delivered again", () -> duplicateConfirmations() == duplicatesBefore + 2);
        assertThat(events.stream().map(this::effects)).containsOnly(1L);
    }

    @Test
    void a_rebalance_in_the_middle_of_a_batch_loses_nothing_and_doubles_nothing() throws Exception {
        var events = List.of(envelope(confirmed()), envelope(cancelled(OrderEffectsConsumer.HOLD)),
                envelope(confirmed()));
        long duplicatesBefore = duplicateConfirmations();

        send(events.stream().map(this::record).toList());
        consumer.holding().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        // Another member joins the group while the batch is held: every partition is revoked and reassigned, and
        // the held batch's offsets were never committed. It leaves again without consuming for real.
        try (var member = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG, groupId, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false), new StringDeserializer(), new ByteArrayDeserializer())) {
            member.subscribe(List.of("shopflow.order"));
            Awaitility.await("the rebalance").atMost(PATIENCE).until(() -> {
                member.poll(Duration.ofMillis(100));
                return !member.assignment().isEmpty();
            });
            consumer.release();
            await("the held batch's effects", () -> events.stream().allMatch(event -> effects(event) == 1));
        }

        await("the batch delivered again once the group settled", () -> duplicateConfirmations() > duplicatesBefore);
        assertThat(events.stream().map(this::effects)).as("each once, none lost").containsOnly(1L);
    }

    /** Makes the test application's consumer read its partition again from {@code record} on. */
    private void rewindTo(RecordMetadata record) {
        var partition = new TopicPartition(record.topic(), record.partition());
        onPollingThread(kafka -> kafka.seek(partition, record.offset()));
    }

    private double splits() {
        return registry.counter("shopflow.events.batch.splits").count();
    }

    private double databaseWaits() {
        return registry.counter("shopflow.events.consumer.database.waits").count();
    }

    private double givenUp(String reason) {
        return registry.counter("shopflow.events.consumer.failed", "topic", "shopflow.order", "reason", reason).count();
    }
}
