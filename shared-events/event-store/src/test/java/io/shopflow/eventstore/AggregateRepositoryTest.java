package io.shopflow.eventstore;

import static io.shopflow.eventstore.TestEvents.CODEC;
import static io.shopflow.eventstore.TestEvents.SOURCE;
import static io.shopflow.eventstore.TestEvents.TRACEPARENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopflow.eventstore.TestOrder.State;
import io.shopflow.eventstore.TestOrder.Status;
import io.shopflow.events.EventMetadata;
import io.shopflow.events.order.Money;
import io.shopflow.events.order.OrderLine;
import io.shopflow.events.order.OrderPlaced;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AggregateRepositoryTest {

    private static final int STATE_VERSION = 1;
    private static final int SNAPSHOT_EVERY = 2;
    private static final List<OrderLine> LINES = List.of(new OrderLine("BOOK-1", 2, new BigDecimal("12.50")));
    private static final Money TOTAL = new Money(new BigDecimal("25.00"), "EUR");
    private static final Supplier<EventMetadata> METADATA = () -> EventMetadata.startOf("corr-7", TRACEPARENT);

    private static TestDatabase database;
    private static Pool pool;
    private static final EventStore STORE = new EventStore(new Outbox());
    private static final SnapshotStore SNAPSHOTS = new SnapshotStore(new ObjectMapper());

    @BeforeAll
    static void createDatabase() {
        database = TestDatabase.migrated("aggregates");
        pool = database.pool();
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void anAggregateWithoutEventsLoadsNewAndSavesAndLoadsBack() {
        var orders = repository(STATE_VERSION, SNAPSHOT_EVERY);
        String id = newOrderId();

        TestOrder order = orders.load(id).await().indefinitely();
        assertThat(order.version()).isZero();
        assertThat(order.state()).isEqualTo(State.NEW);

        order.place("u-1", LINES, TOTAL);
        assertThat(orders.save(order, METADATA).await().indefinitely()).isEqualTo(1);
        assertThat(order.version()).isEqualTo(1);
        assertThat(order.uncommittedEvents()).isEmpty();
        assertThat(orders.save(order, METADATA).await().indefinitely()).as("nothing new to save").isEqualTo(1);

        TestOrder loaded = orders.load(id).await().indefinitely();
        assertThat(loaded.version()).isEqualTo(1);
        assertThat(loaded.state()).isEqualTo(new State(Status.PLACED, "u-1", TOTAL, null));
        assertThat(count("SELECT count(*) FROM outbox WHERE aggregateid = $1", id)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM snapshots WHERE stream_id = $1", id)).as("below every %d", SNAPSHOT_EVERY)
                .isZero();
    }

    @Test
    void aSnapshotIsTakenEveryNEventsAndALoadReplaysOnlyTheEventsAfterIt() {
        var orders = repository(STATE_VERSION, SNAPSHOT_EVERY);
        String id = newOrderId();
        TestOrder order = orders.load(id).await().indefinitely();
        order.place("u-2", LINES, TOTAL);
        order.confirm();
        orders.save(order, METADATA).await().indefinitely();

        Row snapshot = single("SELECT version, state_version FROM snapshots WHERE stream_id = $1", id);
        assertThat(snapshot.getLong("version")).isEqualTo(2);
        assertThat(snapshot.getInteger("state_version")).isEqualTo(STATE_VERSION);

        order.cancel("changed my mind");
        assertThat(orders.save(order, METADATA).await().indefinitely()).isEqualTo(3);
        assertThat(single("SELECT version FROM snapshots WHERE stream_id = $1", id).getLong("version"))
                .as("3 does not reach the next multiple of %d", SNAPSHOT_EVERY).isEqualTo(2);

        TestOrder loaded = orders.load(id).await().indefinitely();
        assertThat(loaded.applied()).as("events replayed on top of the snapshot").isEqualTo(1);
        assertThat(loaded.version()).isEqualTo(3);
        assertThat(loaded.state()).isEqualTo(new State(Status.CANCELLED, "u-2", TOTAL, "changed my mind"));
        assertThat(loaded.state()).isEqualTo(order.state());
    }

    @Test
    void aSnapshotOfAnotherStateVersionIsIgnoredAndTheWholeStreamReplayed() {
        String id = newOrderId();
        var oldShape = repository(STATE_VERSION, SNAPSHOT_EVERY);
        TestOrder order = oldShape.load(id).await().indefinitely();
        order.place("u-3", LINES, TOTAL);
        order.confirm();
        order.cancel("out of stock");
        oldShape.save(order, METADATA).await().indefinitely();
        assertThat(single("SELECT version FROM snapshots WHERE stream_id = $1", id).getLong("version")).isEqualTo(3);
        assertThat(oldShape.load(id).await().indefinitely().applied()).as("the snapshot covers everything").isZero();

        var newShape = repository(STATE_VERSION + 1, SNAPSHOT_EVERY);
        TestOrder loaded = newShape.load(id).await().indefinitely();

        assertThat(loaded.applied()).isEqualTo(3);
        assertThat(loaded.version()).isEqualTo(3);
        assertThat(loaded.state()).isEqualTo(new State(Status.CANCELLED, "u-3", TOTAL, "out of stock"));
    }

    @Test
    void twoCommandsOnTheSameVersionConflictAndTheLoserWritesNothing() {
        var orders = repository(STATE_VERSION, SNAPSHOT_EVERY);
        String id = newOrderId();
        TestOrder order = orders.load(id).await().indefinitely();
        order.place("u-4", LINES, TOTAL);
        orders.save(order, METADATA).await().indefinitely();

        TestOrder first = orders.load(id).await().indefinitely();
        TestOrder second = orders.load(id).await().indefinitely();
        first.confirm();
        second.cancel("too slow");
        orders.save(first, METADATA).await().indefinitely();

        assertThatThrownBy(() -> orders.save(second, METADATA).await().indefinitely())
                .isInstanceOf(ConcurrencyConflictException.class);
        assertThat(second.version()).as("still the version it was loaded at").isEqualTo(1);
        assertThat(orders.load(id).await().indefinitely().state().status()).isEqualTo(Status.CONFIRMED);
        assertThat(count("SELECT count(*) FROM snapshots WHERE stream_id = $1", id))
                .as("the winner's snapshot at 2, the loser's never").isEqualTo(1);
        assertThat(count("SELECT count(*) FROM outbox WHERE aggregateid = $1", id)).isEqualTo(2);
    }

    @Test
    void storedV1AndV2OrderPlacedEventsLoadAsV3() {
        String v1 = newOrderId();
        String v2 = newOrderId();
        insertRaw(v1, 1, """
                {"orderId": "%s", "customerId": "c-9", "items": [{"sku": "BOOK-1", "qty": 2, "price": 12.50}],
                 "total": 25.00}""".formatted(v1));
        insertRaw(v2, 2, """
                {"orderId": "%s", "userId": "u-7", "items": [{"sku": "PEN-3", "qty": 1, "price": 3.20}],
                 "total": 3.20, "currency": "USD"}""".formatted(v2));

        var stored = STORE.read(pool, v1, 0).await().indefinitely();
        assertThat(stored).singleElement().satisfies(event -> assertThat(event.envelope().typeVersion()).isEqualTo(1));
        assertThat(CODEC.decode(stored.get(0).envelope())).isEqualTo(new OrderPlaced(v1, "c-9", LINES, TOTAL));

        var orders = repository(STATE_VERSION, SNAPSHOT_EVERY);
        assertThat(orders.load(v1).await().indefinitely().state())
                .isEqualTo(new State(Status.PLACED, "c-9", new Money(new BigDecimal("25.00"), "EUR"), null));
        TestOrder fromV2 = orders.load(v2).await().indefinitely();
        assertThat(fromV2.state()).isEqualTo(new State(Status.PLACED, "u-7", new Money(new BigDecimal("3.20"), "USD"), null));

        // An upcast history is appended to as usual: the new event is written in the current version.
        fromV2.confirm();
        assertThat(orders.save(fromV2, METADATA).await().indefinitely()).isEqualTo(2);
        assertThat(STORE.read(pool, v2, 0).await().indefinitely())
                .extracting(event -> event.envelope().ceType()).containsExactly("OrderPlaced.v2", "OrderConfirmed.v1");
    }

    private static AggregateRepository<TestOrder, State> repository(int stateVersion, int snapshotEvery) {
        return new AggregateRepository<>(pool, STORE, SNAPSHOTS, CODEC, TestOrder::new,
                new SnapshotPolicy<>(State.class, stateVersion, snapshotEvery), SOURCE);
    }

    /** A row as an older release of order-service wrote it, before OrderPlaced reached v3. */
    private static void insertRaw(String orderId, int version, String payload) {
        pool.preparedQuery("""
                        INSERT INTO event_store (stream_id, version, event_id, source, aggregate_type, event_type,
                                                 event_version, payload, correlation_id, causation_id, occurred_at)
                        VALUES ($1, 1, $2, $3, 'order', 'OrderPlaced', $4, $5::text::jsonb, 'corr-old', 'corr-old', $6)""")
                .execute(Tuple.tuple().addValue(orderId).addValue(UUID.randomUUID()).addValue(SOURCE)
                        .addValue(version).addValue(payload).addValue(OffsetDateTime.now(ZoneOffset.UTC)))
                .await().indefinitely();
    }

    private static Row single(String sql, Object argument) {
        var rows = pool.preparedQuery(sql).execute(Tuple.of(argument)).await().indefinitely();
        assertThat(rows.size()).isEqualTo(1);
        return rows.iterator().next();
    }

    private static long count(String sql, Object argument) {
        return single(sql, argument).getLong(0);
    }

    private static String newOrderId() {
        return UUID.randomUUID().toString();
    }
}
