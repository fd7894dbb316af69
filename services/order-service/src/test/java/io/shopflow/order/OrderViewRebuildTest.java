package io.shopflow.order;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.shopflow.events.inventory.StockLine;
import io.shopflow.events.inventory.StockReserved;
import io.shopflow.events.order.Money;
import io.shopflow.events.payment.PaymentCompleted;
import io.shopflow.events.testing.KafkaEvents;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Rebuilding the orders read model from the event store, against the real database: rows made wrong, deleted or
 * made up are put back as the events say, and the rebuild's progress reads as it happened.
 */
@QuarkusTest
class OrderViewRebuildTest {

    private static final String REBUILD = "/admin/order-views/rebuild";
    private static final String PROBLEM = "application/problem+json";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    Pool pool;

    @Test
    void a_corrupted_read_model_is_rebuilt_to_what_each_orders_events_say() {
        String user = StandInUserService.registerUser();
        String rewritten = OrderPlacementTest.place(user);
        String deleted = OrderPlacementTest.place(user);
        String confirmed = confirmedOrder(user);
        var asPlaced = rows(rewritten, deleted, confirmed);

        sql("UPDATE orders SET status = 'SHIPPED', version = 99 WHERE id = $1", rewritten);
        sql("DELETE FROM orders WHERE id = $1", deleted);
        sql("UPDATE orders SET lines = '[]', total_amount = 0, cancel_reason = 'none' WHERE id = $1", confirmed);
        String madeUp = UUID.randomUUID().toString();
        sql("""
                INSERT INTO orders (id, user_id, status, lines, total_amount, currency, version, created_at, updated_at)
                VALUES ($1, 'nobody', 'PENDING', '[]', 1, 'EUR', 1, now(), now())""", madeUp);

        String rebuild = given().when().post(REBUILD).then().statusCode(202)
                .body("state", equalTo("RUNNING")).extract().path("id");
        awaitFinished(rebuild);

        var rebuilt = rows(rewritten, deleted, confirmed);
        assertThat(rebuilt).containsOnlyKeys(rewritten, deleted, confirmed);
        for (String id : List.of(rewritten, deleted, confirmed)) {
            assertThat(rebuilt.get(id)).as(id).usingRecursiveComparison().ignoringFields("updatedAt", "createdAt")
                    .isEqualTo(asPlaced.get(id));
        }
        assertThat(rebuilt.get(deleted).createdAt()).as("the deleted row's placement time, from its first event")
                .isCloseTo(asPlaced.get(deleted).createdAt(), within(2, ChronoUnit.SECONDS));
        given().when().get("/api/v1/orders/" + madeUp).then().statusCode(404);
        assertThat(ordersNotAsTheirStreamEnds()).as("every row at its stream's last version, one row per stream")
                .isZero();
        given().when().get(REBUILD).then().statusCode(200)
                .body("id", equalTo(rebuild))
                .body("rowsRewritten", equalTo(3))
                .body("rowsRemoved", equalTo(1));
    }

    @Test
    void a_rebuild_interrupted_by_a_crash_reads_as_interrupted_and_a_new_one_ends_with_the_same_model() {
        String order = OrderPlacementTest.place(StandInUserService.registerUser());
        var asPlaced = rows(order).get(order);
        // What a replica that died mid-rebuild leaves: a RUNNING rebuild whose heartbeat stopped long ago.
        String crashed = UUID.randomUUID().toString();
        sql("""
                INSERT INTO order_view_rebuilds (id, state, orders_total, orders_done, started_at, heartbeat_at)
                VALUES ($1, 'RUNNING', 10, 4, now(), now() - interval '10 minutes')""", crashed);
        sql("UPDATE orders SET status = 'CANCELLED' WHERE id = $1", order);

        given().when().get(REBUILD).then().statusCode(200)
                .body("id", equalTo(crashed)).body("state", equalTo("INTERRUPTED")).body("ordersDone", equalTo(4));

        String again = given().when().post(REBUILD).then().statusCode(202).extract().path("id");
        awaitFinished(again);
        assertThat(rows(order).get(order)).usingRecursiveComparison().ignoringFields("updatedAt").isEqualTo(asPlaced);
        assertThat(stateOf(crashed)).isEqualTo("INTERRUPTED");
        assertThat(ordersNotAsTheirStreamEnds()).isZero();
    }

    @Test
    void a_second_rebuild_while_one_runs_is_refused_and_starts_nothing() {
        // A rebuild running in another replica: its heartbeat is fresh.
        String running = UUID.randomUUID().toString();
        sql("""
                INSERT INTO order_view_rebuilds (id, state, orders_total, started_at, heartbeat_at)
                VALUES ($1, 'RUNNING', 10, now(), now())""", running);
        try {
            given().when().post(REBUILD).then().statusCode(409).contentType(PROBLEM)
                    .body("type", equalTo("urn:shopflow:problem:view-rebuild-running"));
            given().when().get(REBUILD).then().statusCode(200).body("id", equalTo(running)).body("state", equalTo("RUNNING"));
        } finally {
            sql("UPDATE order_view_rebuilds SET state = 'FAILED', finished_at = now() WHERE id = $1", running);
        }
    }

    private String confirmedOrder(String user) {
        String order = OrderPlacementTest.place(user);
        var total = new Money(new BigDecimal("28.20"), "EUR");
        try (var events = new KafkaEvents(bootstrapServers)) {
            var flow = events.read("shopflow.order", order, 1).get(0).correlationId();
            events.publish(new StockReserved(order, user, List.of(new StockLine("BOOK-1", 2)), total), flow);
            events.publish(new PaymentCompleted("p-" + order, order, user, total, "ch_1"), flow);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> "CONFIRMED".equals(
                given().when().get("/api/v1/orders/" + order).then().extract().path("status")));
        return order;
    }

    private static void awaitFinished(String rebuild) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get(REBUILD).then().statusCode(200)
                .body("id", equalTo(rebuild)).body("state", equalTo("FINISHED")));
    }

    /** A read model row, as stored. */
    record OrderRow(String userId, String status, String lines, BigDecimal total, String currency,
                    String cancelReason, long version, OffsetDateTime createdAt,
                    OffsetDateTime updatedAt) {
        static OrderRow of(Row row) {
            return new OrderRow(row.getString("user_id"), row.getString("status"), row.getValue("lines").toString(),
                    row.getBigDecimal("total_amount"), row.getString("currency"), row.getString("cancel_reason"),
                    row.getLong("version"), row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
        }
    }

    private Map<String, OrderRow> rows(String... ids) {
        var found = new HashMap<String, OrderRow>();
        pool.preparedQuery("SELECT * FROM orders WHERE id = ANY($1)")
                .execute(Tuple.tuple().addArrayOfUUID(Arrays.stream(ids).map(UUID::fromString).toArray(UUID[]::new)))
                .await().atMost(Duration.ofSeconds(10))
                .forEach(row -> found.put(row.getUUID("id").toString(), OrderRow.of(row)));
        return found;
    }

    /** Rows with no stream, streams with no row, and rows at another version than their stream's last. */
    private long ordersNotAsTheirStreamEnds() {
        return pool.query("""
                        SELECT count(*) FROM orders o
                        FULL JOIN (SELECT stream_id, max(version) AS version FROM event_store GROUP BY stream_id) s
                          ON s.stream_id = o.id::text
                        WHERE o.id IS NULL OR s.stream_id IS NULL OR o.version <> s.version""")
                .execute().await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }

    private String stateOf(String rebuild) {
        return pool.preparedQuery("SELECT state FROM order_view_rebuilds WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(rebuild))).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getString(0);
    }

    private void sql(String statement, String id) {
        pool.preparedQuery(statement).execute(Tuple.of(UUID.fromString(id))).await().atMost(Duration.ofSeconds(10));
    }
}
