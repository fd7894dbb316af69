package io.shopflow.eventstore;

import static io.shopflow.eventstore.TestEvents.CODEC;
import static io.shopflow.eventstore.TestEvents.SOURCE;
import static io.shopflow.eventstore.TestEvents.TRACEPARENT;
import static io.shopflow.eventstore.TestEvents.cancelled;
import static io.shopflow.eventstore.TestEvents.confirmed;
import static io.shopflow.eventstore.TestEvents.envelope;
import static io.shopflow.eventstore.TestEvents.envelopes;
import static io.shopflow.eventstore.TestEvents.placed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.shopflow.events.EventEnvelope;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EventStoreTest {

    private static final int WRITERS = 8;

    private static TestDatabase database;
    private static Pool pool;
    private final EventStore store = new EventStore(new Outbox());

    @BeforeAll
    static void createDatabase() {
        database = TestDatabase.migrated("store");
        pool = database.pool();
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void appendedEventsAreReadBackInOrderAndEachHasItsOutboxRow() {
        String orderId = newStreamId();
        var written = envelopes(placed(orderId), confirmed(orderId), cancelled(orderId));

        long version = pool.withTransaction(tx -> store.append(tx, orderId, 0, written)).await().indefinitely();

        assertThat(version).isEqualTo(3);
        var read = store.read(pool, orderId, 0).await().indefinitely();
        assertThat(read).extracting(RecordedEvent::version).containsExactly(1L, 2L, 3L);
        assertThat(read).extracting(RecordedEvent::streamId).containsOnly(orderId);
        for (int i = 0; i < written.size(); i++) {
            assertSameEvent(read.get(i).envelope(), written.get(i));
        }
        assertThat(store.read(pool, orderId, 2).await().indefinitely())
                .extracting(RecordedEvent::version).containsExactly(3L);

        var outbox = query("SELECT id, aggregatetype, aggregateid, type, payload::text AS payload, timestamp,"
                + " tracingspancontext, source, correlationid, causationid FROM outbox WHERE aggregateid = $1"
                + " ORDER BY position", orderId);
        assertThat(outbox).hasSize(3);
        for (int i = 0; i < written.size(); i++) {
            Row row = outbox.get(i);
            EventEnvelope event = written.get(i);
            assertThat(row.getUUID("id")).isEqualTo(event.id());
            assertThat(row.getString("aggregatetype")).isEqualTo("order");
            assertThat(row.getString("aggregateid")).isEqualTo(orderId);
            assertThat(row.getString("type")).isEqualTo(event.ceType());
            assertThat(CODEC.decode(event.type(), event.typeVersion(), row.getString("payload")))
                    .isEqualTo(CODEC.decode(event));
            assertThat(row.getOffsetDateTime("timestamp").toInstant()).isEqualTo(event.time());
            assertThat(row.getString("tracingspancontext")).isEqualTo(TRACEPARENT);
            assertThat(row.getString("source")).isEqualTo(SOURCE);
            assertThat(row.getString("correlationid")).isEqualTo(event.correlationId());
            assertThat(row.getString("causationid")).isEqualTo(event.causationId());
        }
        assertThat(outbox).extracting(row -> row.getString("type"))
                .containsExactly("OrderPlaced.v3", "OrderConfirmed.v1", "OrderCancelled.v1");
    }

    @Test
    void aRolledBackTransactionLeavesNeitherEventsNorOutboxRows() {
        String orderId = newStreamId();

        assertThatThrownBy(() -> pool.withTransaction(tx -> store.append(tx, orderId, 0, envelopes(placed(orderId)))
                        .chain(() -> Uni.createFrom().failure(new IllegalStateException("the command failed after"))))
                .await().indefinitely())
                .hasMessage("the command failed after");

        assertThat(count("SELECT count(*) FROM event_store WHERE stream_id = $1", orderId)).isZero();
        assertThat(count("SELECT count(*) FROM outbox WHERE aggregateid = $1", orderId)).isZero();
    }

    @Test
    void writersAtTheSameVersionRaceAndExactlyOneWinsEachVersion() {
        String orderId = newStreamId();
        int versions = 5;

        for (long expected = 0; expected < versions; expected++) {
            long at = expected;
            List<Uni<String>> writers = IntStream.range(0, WRITERS)
                    .mapToObj(writer -> pool.withTransaction(tx -> store.append(tx, orderId, at, envelopes(confirmed(orderId))))
                            .map(version -> "won")
                            .onFailure(ConcurrencyConflictException.class).recoverWithItem("conflict"))
                    .toList();

            List<String> outcomes = Uni.join().all(writers).andFailFast().await().indefinitely();

            assertThat(outcomes).as("outcomes at version %d", at + 1)
                    .containsOnlyOnce("won").containsOnly("won", "conflict");
        }
        assertThat(store.read(pool, orderId, 0).await().indefinitely())
                .extracting(RecordedEvent::version).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(count("SELECT count(*) FROM outbox WHERE aggregateid = $1", orderId)).isEqualTo(versions);
    }

    @Test
    void aWriterRacingAnUncommittedAppendLosesOnThePrimaryKeyWhenTheOtherCommits() throws Exception {
        String orderId = newStreamId();
        var first = pool.getConnectionAndAwait();
        try {
            var firstTx = first.beginAndAwait();
            store.append(first, orderId, 0, envelopes(placed(orderId))).await().indefinitely();
            int firstBackend = first.query("SELECT pg_backend_pid()").executeAndAwait().iterator().next().getInteger(0);

            CompletableFuture<Long> second = pool.withTransaction(
                    tx -> store.append(tx, orderId, 0, envelopes(placed(orderId)))).subscribeAsCompletionStage();
            // The second insert waits on the first one's uncommitted key (PostgreSQL shows it blocked by the first
            // backend); it cannot decide before the commit.
            await().atMost(Duration.ofSeconds(10)).until(() -> count(
                    "SELECT count(*) FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))", firstBackend) == 1);
            assertThat(second).isNotDone();
            firstTx.commitAndAwait();

            assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(ConcurrencyConflictException.class)
                    .hasMessageContaining(orderId);
        } finally {
            first.closeAndAwait();
        }
        assertThat(count("SELECT count(*) FROM event_store WHERE stream_id = $1", orderId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM outbox WHERE aggregateid = $1", orderId)).isEqualTo(1);
    }

    @Test
    void anExpectedVersionAheadOfTheStreamIsAConflictAndLeavesNoGap() {
        String orderId = newStreamId();

        assertThatThrownBy(() -> pool.withTransaction(tx -> store.append(tx, orderId, 2, envelopes(confirmed(orderId))))
                .await().indefinitely())
                .isInstanceOf(ConcurrencyConflictException.class)
                .satisfies(e -> {
                    var conflict = (ConcurrencyConflictException) e;
                    assertThat(conflict.streamId()).isEqualTo(orderId);
                    assertThat(conflict.expectedVersion()).isEqualTo(2);
                });
        assertThat(count("SELECT count(*) FROM event_store WHERE stream_id = $1", orderId)).isZero();
        assertThat(count("SELECT count(*) FROM outbox WHERE aggregateid = $1", orderId)).isZero();
    }

    @Test
    void reusingAnEventIdIsAnErrorNotAConcurrencyConflict() {
        String orderId = newStreamId();
        EventEnvelope event = envelope(placed(orderId));
        pool.withTransaction(tx -> store.append(tx, orderId, 0, List.of(event))).await().indefinitely();

        assertThatThrownBy(() -> pool.withTransaction(tx -> store.append(tx, orderId, 1, List.of(event)))
                .await().indefinitely())
                .isInstanceOf(PgException.class)
                .hasMessageContaining("event_store_event_id_unique");
    }

    @Test
    void anEventOfAnotherAggregateIsRefused() {
        String orderId = newStreamId();

        assertThatThrownBy(() -> pool.withTransaction(tx -> store.append(tx, orderId, 0, envelopes(placed("other"))))
                .await().indefinitely())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentWritersOnManyAggregatesKeepEveryStreamContiguousAndTheOutboxInAppendOrder() throws Exception {
        int aggregates = 50;
        int appendsPerWriter = 60;
        String run = UUID.randomUUID().toString();
        List<String> streams = IntStream.range(0, aggregates).mapToObj(i -> run + "-" + i).toList();
        Map<String, AtomicInteger> appended = new ConcurrentHashMap<>();
        AtomicInteger conflicts = new AtomicInteger();

        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            var done = IntStream.range(0, WRITERS).mapToObj(writer -> CompletableFuture.runAsync(() -> {
                var random = ThreadLocalRandom.current();
                for (int i = 0; i < appendsPerWriter; i++) {
                    String stream = streams.get(random.nextInt(aggregates));
                    int batch = 1 + random.nextInt(3);
                    while (true) {
                        // Read, decide, append at the version read: what a command handler does.
                        long current = currentVersion(stream);
                        var events = IntStream.range(0, batch).mapToObj(n -> envelope(confirmed(stream))).toList();
                        try {
                            pool.withTransaction(tx -> store.append(tx, stream, current, events)).await().indefinitely();
                            appended.computeIfAbsent(stream, s -> new AtomicInteger()).addAndGet(batch);
                            break;
                        } catch (ConcurrencyConflictException e) {
                            conflicts.incrementAndGet();
                        }
                    }
                }
            }, writers)).toArray(CompletableFuture[]::new);
            CompletableFuture.allOf(done).get(2, TimeUnit.MINUTES);
        } finally {
            writers.shutdownNow();
        }

        for (String stream : streams) {
            int expected = appended.getOrDefault(stream, new AtomicInteger()).get();
            var events = store.read(pool, stream, 0).await().indefinitely();
            assertThat(events).extracting(RecordedEvent::version).as("versions of %s", stream)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, expected).boxed().toList());
            var outboxIds = query("SELECT id FROM outbox WHERE aggregateid = $1 ORDER BY position", stream)
                    .stream().map(row -> row.getUUID("id")).toList();
            assertThat(outboxIds).as("outbox of %s in append order", stream)
                    .containsExactlyElementsOf(events.stream().map(event -> event.envelope().id()).toList());
        }
        System.out.printf("%d writers, %d aggregates: %d appends, %d conflicts retried%n", WRITERS, aggregates,
                WRITERS * appendsPerWriter, conflicts.get());
    }

    private long currentVersion(String stream) {
        var events = store.read(pool, stream, 0).await().indefinitely();
        return events.isEmpty() ? 0 : events.get(events.size() - 1).version();
    }

    private static void assertSameEvent(EventEnvelope read, EventEnvelope written) {
        // jsonb normalises the payload's text (spacing, key order), so the payloads are compared as events.
        assertThat(read).usingRecursiveComparison().ignoringFields("data").isEqualTo(written);
        assertThat(CODEC.decode(read)).isEqualTo(CODEC.decode(written));
    }

    private static List<Row> query(String sql, Object argument) {
        var rows = new ArrayList<Row>();
        pool.preparedQuery(sql).execute(Tuple.of(argument)).await().indefinitely().forEach(rows::add);
        return rows;
    }

    private static long count(String sql, Object argument) {
        return query(sql, argument).get(0).getLong(0);
    }

    private static String newStreamId() {
        return UUID.randomUUID().toString();
    }
}
