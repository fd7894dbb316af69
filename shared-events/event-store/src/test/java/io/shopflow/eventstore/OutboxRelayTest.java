package io.shopflow.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.shopflow.events.CloudEventHeaders;
import io.shopflow.events.EventEnvelope;
import io.shopflow.events.EventMetadata;
import io.shopflow.events.user.UserUpdated;
import io.shopflow.eventstore.relay.OutboxRelay;
import io.shopflow.eventstore.relay.RelayProducer;
import io.shopflow.eventstore.relay.RelaySettings;
import io.shopflow.infra.KafkaBroker;
import io.shopflow.infra.testing.TopicReader;
import io.smallrye.mutiny.Uni;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.InterruptException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The relay between the real PostgreSQL outbox and the real Kafka broker. Each test writes events for users of
 * its own (topic {@code shopflow.user}, key = user id) and reads back only those.
 */
class OutboxRelayTest {

    private static final int BATCH = 20;
    private static final RelaySettings SETTINGS = new RelaySettings(BATCH, Duration.ofMillis(200), 1);
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(60);

    private static KafkaBroker kafka;
    private static TestDatabase database;
    private static PGSimpleDataSource dataSource;
    /** The relays of the running test: the outbox tells them of each commit, as a service's outbox tells its own. */
    private final List<OutboxRelay> relays = new CopyOnWriteArrayList<>();
    private final Outbox outbox = new Outbox(() -> relays.forEach(OutboxRelay::wake));
    /** An outbox of another process: it tells none of this test's relays. */
    private final Outbox elsewhere = new Outbox();
    private String run;

    @BeforeAll
    static void start() {
        kafka = KafkaBroker.start();
        // The topic made before any test: the first send to a topic made on first use waits for its metadata, and
        // on a slow machine the producer may give up on it (max.block.ms), failing a test about something else.
        try (var producer = RelayProducer.create(kafka.bootstrapServers(), Map.of())) {
            producer.partitionsFor("shopflow.user");
        }
        database = TestDatabase.migrated("relay");
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.jdbcUrl());
        dataSource.setUser(database.username());
        dataSource.setPassword(database.password());
    }

    @AfterAll
    static void stop() {
        database.close();
        kafka.close();
    }

    @BeforeEach
    void newRun() {
        run = UUID.randomUUID().toString().substring(0, 8);
        relays.clear();
    }

    /** A relay the outbox tells of commits. */
    private OutboxRelay told(OutboxRelay relay) {
        relays.add(relay);
        return relay;
    }

    private String user(int n) {
        return "user-" + run + "-" + n;
    }

    /** The n-th change of a user: its version field says which, so the order of delivery can be checked. */
    private static EventEnvelope change(String userId, long n) {
        var event = new UserUpdated(userId, TestEvents.sealed("User " + userId),
                TestEvents.sealed(userId + "@example.com"), TestEvents.sealed("Street " + n), BigDecimal.TEN, n);
        var metadata = new EventMetadata(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MICROS),
                "corr-" + userId, "cmd-" + userId, TestEvents.TRACEPARENT);
        return TestEvents.CODEC.encode(event, metadata, "//shopflow/user-service");
    }

    private void commit(List<EventEnvelope> events) {
        database.pool().withTransaction(tx -> outbox.enqueue(tx, events)).await().indefinitely();
    }

    private OutboxRelay relay(org.apache.kafka.clients.producer.Producer<String, byte[]> producer) {
        return told(new OutboxRelay(dataSource, producer, SETTINGS, new SimpleMeterRegistry()));
    }

    private OutboxRelay relayWithWorkers(int workers) {
        return told(new OutboxRelay(dataSource, RelayProducer.create(kafka.bootstrapServers(), Map.of()),
                new RelaySettings(BATCH, SETTINGS.idleWait(), workers), new SimpleMeterRegistry()));
    }

    private OutboxRelay relay() {
        return relay(RelayProducer.create(kafka.bootstrapServers(), Map.of()));
    }

    private static int drain(OutboxRelay relay) throws Exception {
        int total = 0;
        for (int published = relay.publishBatch(); published > 0; published = relay.publishBatch()) {
            total += published;
        }
        return total;
    }

    private long outboxRows() {
        return database.pool().query("SELECT count(*) FROM outbox").execute()
                .map(rows -> rows.iterator().next().getLong(0)).await().indefinitely();
    }

    /** This run's records on the user topic, once {@code done} holds for them; fails after a minute. */
    private List<ConsumerRecord<String, byte[]>> consumeUntil(Predicate<List<ConsumerRecord<String, byte[]>>> done) {
        return TopicReader.readUntil(kafka.bootstrapServers(), "shopflow.user", record -> record.key().contains(run),
                done, DELIVERY_TIMEOUT);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static long distinctIds(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> header(r, CloudEventHeaders.ID)).distinct().count();
    }

    @Test
    void publishes_committed_events_as_cloud_events_and_empties_the_outbox() throws Exception {
        var events = List.of(change(user(1), 1), change(user(1), 2), change(user(1), 3));
        commit(events);

        var registry = new SimpleMeterRegistry();
        try (var relay = told(new OutboxRelay(dataSource, RelayProducer.create(kafka.bootstrapServers(), Map.of()),
                SETTINGS, registry))) {
            assertThat(drain(relay)).isEqualTo(3);
        }

        var records = consumeUntil(received -> received.size() >= 3);
        assertThat(records).extracting(ConsumerRecord::key).containsOnly(user(1));
        for (int i = 0; i < 3; i++) {
            var read = CloudEventHeaders.read(records.get(i).headers(), records.get(i).value());
            // jsonb keeps the payload's meaning, not its spelling: compare it decoded.
            assertThat(read).usingRecursiveComparison().ignoringFields("data").isEqualTo(events.get(i));
            assertThat(TestEvents.CODEC.decode(read)).isEqualTo(TestEvents.CODEC.decode(events.get(i)));
        }
        assertThat(header(records.get(0), "traceparent")).isEqualTo(TestEvents.TRACEPARENT);
        assertThat(outboxRows()).isZero();
        assertThat(registry.counter("shopflow.outbox.published", "type", "UserUpdated.v2").count()).isEqualTo(3);
    }

    @Test
    void an_event_another_process_wrote_is_published_once_the_backlog_sample_sees_it() throws Exception {
        try (var relay = relay()) {
            relay.start();
            // Written by another process (a replica that died before its relay published it): no wake-up here.
            database.pool().withTransaction(tx -> elsewhere.enqueue(tx, List.of(change(user(1), 1))))
                    .await().indefinitely();

            assertThat(consumeUntil(received -> !received.isEmpty())).extracting(ConsumerRecord::key)
                    .containsExactly(user(1));
        }
    }

    @Test
    void an_event_committed_alone_costs_one_look_for_a_lane_not_one_per_worker() throws Exception {
        var registry = new SimpleMeterRegistry();
        int events = 12;
        // No backlog sample within the test: on a loaded machine an event can wait longer than the sample's 200 ms
        // before it is out, and the sample then rightly sets the workers draining, whose looks find nothing.
        try (var relay = told(new OutboxRelay(dataSource, RelayProducer.create(kafka.bootstrapServers(), Map.of()),
                new RelaySettings(BATCH, Duration.ofHours(1), 4), registry))) {
            var emptyClaims = registry.counter("shopflow.outbox.relay.empty.claims");
            relay.start();
            // Each worker looks once as it starts, for what was written before.
            await().atMost(DELIVERY_TIMEOUT).until(() -> emptyClaims.count() >= 4);
            double atStart = emptyClaims.count();
            for (int n = 1; n <= events; n++) {
                commit(List.of(change(user(n), 1)));
                int published = n;
                consumeUntil(received -> received.size() >= published);
            }
            // Each event wakes one worker, whose batch is not full, so it sleeps again: no worker looks once more
            // at once (which found nothing), none is woken without work.
            assertThat(emptyClaims.count() - atStart).isZero();
        }
    }

    @Test
    void a_transaction_of_many_aggregates_goes_out_in_one_batch_over_their_lanes() throws Exception {
        var registry = new SimpleMeterRegistry();
        var batches = registry.timer("shopflow.outbox.relay.batch");
        // No backlog sample within the test (it would wake more workers for an event held up by a loaded machine):
        // only the commit's wake-up sets a worker going.
        try (var relay = told(new OutboxRelay(dataSource, RelayProducer.create(kafka.bootstrapServers(), Map.of()),
                new RelaySettings(BATCH, Duration.ofHours(1), 4), registry))) {
            relay.start();
            // Each worker's looks at start, until one finds nothing, before anything is written.
            await().atMost(DELIVERY_TIMEOUT).until(() -> registry.counter("shopflow.outbox.relay.empty.claims")
                    .count() >= 4);
            long batchesBefore = batches.count();
            // One transaction of twelve users' changes, as a consumer's batch writes: several lanes.
            var events = new ArrayList<EventEnvelope>();
            for (int u = 0; u < 12; u++) {
                events.add(change(user(u), 1));
            }
            database.pool().withTransaction(tx -> outbox.enqueue(tx, events)
                            .chain(() -> tx.query("SELECT count(DISTINCT lane) FROM outbox").execute()))
                    .invoke(lanes -> assertThat(lanes.iterator().next().getLong(0)).isGreaterThan(1))
                    .await().indefinitely();

            assertThat(consumeUntil(received -> received.size() >= events.size())).hasSize(events.size());
            // One wake-up, one batch: a batch per lane would have been a relay transaction per lane.
            assertThat(batches.count() - batchesBefore).isEqualTo(1);
        }
    }

    @Test
    void events_committed_while_a_batch_waits_for_kafka_go_out_with_it_not_in_a_look_of_their_own() throws Exception {
        var registry = new SimpleMeterRegistry();
        var batches = registry.timer("shopflow.outbox.relay.batch");
        var emptyClaims = registry.counter("shopflow.outbox.relay.empty.claims");
        var firstSent = new CountDownLatch(1);
        var acknowledge = new CountDownLatch(1);
        // Kafka's acknowledgement of the first record is held until the test lets it go: its batch waits meanwhile.
        var slowFirstAcknowledgement = new KafkaProducer<String, byte[]>(
                RelayProducer.config(kafka.bootstrapServers(), Map.of())) {
            @Override
            public Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
                var sent = super.send(record, callback);
                if (firstSent.getCount() == 0) {
                    return sent;
                }
                firstSent.countDown();
                return CompletableFuture.supplyAsync(() -> {
                    try {
                        acknowledge.await();
                        return sent.get();
                    } catch (InterruptedException | ExecutionException e) {
                        throw new CompletionException(e);
                    }
                });
            }
        };
        // One worker, and no backlog sample within the test: only the commits' wake-ups set it going.
        try (var relay = told(new OutboxRelay(dataSource, slowFirstAcknowledgement,
                new RelaySettings(BATCH, Duration.ofHours(1), 1), registry))) {
            relay.start();
            await().atMost(DELIVERY_TIMEOUT).until(() -> emptyClaims.count() >= 1); // its look at start
            double emptyAtStart = emptyClaims.count();
            commit(List.of(change(user(1), 1)));
            assertThat(firstSent.await(DELIVERY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            // While that batch waits: the same user's next change, in the lane the batch holds, and another user's.
            commit(List.of(change(user(1), 2)));
            commit(List.of(change(user(2), 1)));
            acknowledge.countDown();

            var records = consumeUntil(received -> received.size() >= 3);
            assertThat(records.stream().filter(record -> record.key().equals(user(1)))
                    .map(record -> ((UserUpdated) TestEvents.CODEC.decode(CloudEventHeaders.read(record.headers(),
                            record.value()))).version()))
                    .containsExactly(1L, 2L);
            // Then one event more, which the sleeping worker's next look takes.
            commit(List.of(change(user(3), 1)));
            consumeUntil(received -> received.size() >= 4);
            await().atMost(DELIVERY_TIMEOUT).until(() -> outboxRows() == 0 && batches.count() >= 2);

            // The two events came in the first batch's look on its own transaction; no look found nothing.
            assertThat(batches.count()).isEqualTo(2);
            assertThat(emptyClaims.count() - emptyAtStart).isZero();
        }
    }

    @Test
    void events_another_process_wrote_still_go_out_once_the_backlog_sampler_has_died() throws Exception {
        // The sampler dies of an Error the first time it asks for a connection; the workers' connections work.
        var killingTheSampler = new PGSimpleDataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                if (Thread.currentThread().getName().equals("outbox-relay-backlog")) {
                    throw new SamplerKilled();
                }
                return super.getConnection();
            }
        };
        killingTheSampler.setUrl(dataSource.getUrl());
        killingTheSampler.setUser(dataSource.getUser());
        killingTheSampler.setPassword(dataSource.getPassword());
        try (var relay = told(new OutboxRelay(killingTheSampler,
                RelayProducer.create(kafka.bootstrapServers(), Map.of()), SETTINGS, new SimpleMeterRegistry()))) {
            relay.start();
            // The sampler dies of its error uncaught, as it would in a service: that is the point, not a failure.
            await().dontCatchUncaughtExceptions().atMost(DELIVERY_TIMEOUT).until(() -> !relay.alive());

            // No wake-up and no sample: the workers find it by polling on their own.
            database.pool().withTransaction(tx -> elsewhere.enqueue(tx, List.of(change(user(1), 1))))
                    .await().indefinitely();

            assertThat(consumeUntil(received -> !received.isEmpty())).extracting(ConsumerRecord::key)
                    .containsExactly(user(1));
        }
    }

    /** What kills a thread whatever it catches: its loop survives exceptions, not errors. */
    private static final class SamplerKilled extends Error {
        SamplerKilled() {
            super("the relay's backlog sampler killed for the test", null, false, false);
        }
    }

    @Test
    void a_rolled_back_transaction_publishes_nothing() throws Exception {
        var rolledBack = change(user(1), 1);
        assertThatThrownBy(() -> database.pool().withTransaction(tx -> outbox.enqueue(tx, List.of(rolledBack))
                        .chain(() -> Uni.createFrom().failure(new IllegalStateException("business rule broken"))))
                .await().indefinitely())
                .hasMessageContaining("business rule broken");
        // Committed after the rollback: once it arrives, anything the rollback had leaked would be there too.
        var marker = change(user(2), 1);
        commit(List.of(marker));

        try (var relay = relay()) {
            drain(relay);
        }

        var records = consumeUntil(received -> received.stream().anyMatch(r -> r.key().equals(user(2))));
        assertThat(records).extracting(r -> header(r, CloudEventHeaders.ID)).containsExactly(marker.id().toString());
    }

    @Test
    void two_relays_with_eight_writers_lose_nothing_and_keep_each_users_order() throws Exception {
        try (var first = relay(); var second = relay()) {
            first.start();
            second.start();
            eightWritersAreRelayedCompletelyAndInOrder();
        }
    }

    @Test
    void one_relay_with_four_workers_loses_nothing_and_keeps_each_users_order() throws Exception {
        try (var relay = relayWithWorkers(4)) {
            relay.start();
            eightWritersAreRelayedCompletelyAndInOrder();
        }
    }

    /** Eight writers commit ten changes to each of fifty users while relays run; every change arrives, in order. */
    private void eightWritersAreRelayedCompletelyAndInOrder() throws Exception {
        int users = 50;
        int changesPerUser = 10;
        var writers = Executors.newFixedThreadPool(8);
        try {
            var writes = new ArrayList<Future<?>>();
            for (int writer = 0; writer < 8; writer++) {
                int me = writer;
                writes.add(writers.submit(() -> {
                    // Each writer owns every eighth user and writes its changes one transaction at a time.
                    for (int n = 1; n <= changesPerUser; n++) {
                        for (int u = me; u < users; u += 8) {
                            commit(List.of(change(user(u), n)));
                        }
                    }
                }));
            }
            for (var write : writes) {
                write.get();
            }
            var records = consumeUntil(received -> distinctIds(received) == users * changesPerUser);

            assertThat(records).hasSize(users * changesPerUser);
            Map<String, List<Long>> versionsByUser = new LinkedHashMap<>();
            for (var record : records) {
                var change = (UserUpdated) TestEvents.CODEC.decode(CloudEventHeaders.read(record.headers(), record.value()));
                versionsByUser.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(change.version());
            }
            assertThat(versionsByUser).hasSize(users);
            versionsByUser.forEach((user, versions) ->
                    assertThat(versions).as(user).isSorted().doesNotHaveDuplicates().hasSize(changesPerUser));
        } finally {
            writers.shutdownNow();
        }
        assertThat(outboxRows()).isZero();
    }

    @Test
    void a_relay_dying_mid_batch_leaves_the_batch_for_the_next_one_and_nothing_is_lost() throws Exception {
        var events = new ArrayList<EventEnvelope>();
        for (int n = 1; n <= 10; n++) {
            for (int u = 0; u < 5; u++) {
                events.add(change(user(u), n));
            }
        }
        commit(events);

        // Dies after handing part of a batch to Kafka: those records are out, the transaction never commits.
        // Every user has ten events, so any lane the relay claims holds more than it gets to send.
        int sentBeforeDeath = 5;
        var sends = new AtomicInteger();
        // What Kafka acknowledged before the death: on a slow machine a record can still fail to be delivered, and
        // a record that failed is no copy.
        var acknowledgedBeforeDeath = new AtomicInteger();
        var dying = new KafkaProducer<String, byte[]>(RelayProducer.config(kafka.bootstrapServers(), Map.of())) {
            @Override
            public Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
                if (sends.incrementAndGet() > sentBeforeDeath) {
                    flush();
                    throw new IllegalStateException("relay process killed");
                }
                return super.send(record, (metadata, failure) -> {
                    if (failure == null) {
                        acknowledgedBeforeDeath.incrementAndGet();
                    }
                    callback.onCompletion(metadata, failure);
                });
            }
        };
        try (var doomed = relay(dying)) {
            assertThatThrownBy(doomed::publishBatch).hasMessageContaining("killed");
        }
        assertThat(outboxRows()).isEqualTo(events.size());

        try (var restarted = relay()) {
            drain(restarted);
        }

        var records = consumeUntil(received -> distinctIds(received) == events.size());
        assertThat(acknowledgedBeforeDeath).as("records on Kafka before the death").hasPositiveValue();
        assertThat(records.size() - events.size()).as("events published twice")
                .isEqualTo(acknowledgedBeforeDeath.get());
        assertThat(outboxRows()).isZero();
        Map<String, List<Long>> firstSeen = new HashMap<>();
        for (var record : records) {
            long version = ((UserUpdated) TestEvents.CODEC.decode(CloudEventHeaders.read(record.headers(),
                    record.value()))).version();
            var seen = firstSeen.computeIfAbsent(record.key(), k -> new ArrayList<>());
            if (!seen.contains(version)) {
                seen.add(version);
            }
        }
        firstSeen.forEach((user, versions) -> assertThat(versions).as(user).isSorted().hasSize(10));
    }

    @Test
    void a_send_kafka_refuses_at_once_ends_the_batch_before_the_aggregates_next_event_goes_out() throws Exception {
        commit(List.of(change(user(1), 1), change(user(1), 2), change(user(1), 3)));
        // The first send refused at once, as the producer refuses a record whose topic's metadata does not come
        // within max.block.ms: its callback told, a failed future returned; the sends after it reach the broker.
        var refusal = new org.apache.kafka.common.errors.TimeoutException(
                "Topic shopflow.user not present in metadata after 60000 ms.");
        var refusedOnce = new AtomicBoolean();
        var refusingTheFirst = new KafkaProducer<String, byte[]>(
                RelayProducer.config(kafka.bootstrapServers(), Map.of())) {
            @Override
            public Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
                if (refusedOnce.compareAndSet(false, true)) {
                    callback.onCompletion(null, refusal);
                    return CompletableFuture.failedFuture(refusal);
                }
                return super.send(record, callback);
            }
        };
        try (var relay = relay(refusingTheFirst)) {
            assertThatThrownBy(relay::publishBatch).isInstanceOf(ExecutionException.class).hasCause(refusal);
            assertThat(outboxRows()).isEqualTo(3);
            drain(relay);
        }

        // Changes 2 and 3 sent on after the refusal would be on the topic before change 1 and its copies.
        var records = consumeUntil(received -> distinctIds(received) == 3);
        assertThat(records).extracting(record -> ((UserUpdated) TestEvents.CODEC.decode(CloudEventHeaders.read(
                record.headers(), record.value()))).version()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void the_backlog_gauge_counts_waiting_events_while_the_relay_is_busy() throws Exception {
        commit(List.of(change(user(1), 1), change(user(1), 2), change(user(1), 3)));
        var releaseKafka = new CountDownLatch(1);
        // Kafka that does not answer: the relay stays inside its first batch, never idle.
        var stalled = new KafkaProducer<String, byte[]>(RelayProducer.config(kafka.bootstrapServers(), Map.of())) {
            @Override
            public Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
                try {
                    releaseKafka.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptException(e);
                }
                return super.send(record, callback);
            }
        };
        var registry = new SimpleMeterRegistry();
        try (var relay = told(new OutboxRelay(dataSource, stalled, SETTINGS, registry))) {
            relay.start();
            await("backlog gauge reaching 3").atMost(DELIVERY_TIMEOUT).pollInterval(Duration.ofMillis(50))
                    .until(() -> registry.get("shopflow.outbox.backlog").gauge().value() >= 3);
            releaseKafka.countDown();
        }
    }

    @Test
    void settings_refuse_nonsense() {
        assertThatThrownBy(() -> new RelaySettings(0, Duration.ofSeconds(1), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RelaySettings(10, Duration.ZERO, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RelaySettings(10, Duration.ofSeconds(1), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RelaySettings(10, Duration.ofSeconds(1), 17)).isInstanceOf(IllegalArgumentException.class);
    }

}
