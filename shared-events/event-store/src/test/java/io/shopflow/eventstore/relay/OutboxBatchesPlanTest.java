package io.shopflow.eventstore.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopflow.eventstore.EventStoreSchema;
import io.shopflow.infra.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How the real PostgreSQL runs the relay's take from a lane with a backlog waiting: through the lane's index, deleting
 * the rows found where they lie, never reading the whole outbox or every lane's rows. A batch that read the whole
 * table (or every lane) cost more the longer the backlog, and the relay fell further behind the more it had to do.
 */
class OutboxBatchesPlanTest {

    /** A backlog a relay meets after an outage: enough rows that reading them all is the planner's worst choice. */
    private static final int WAITING_EVENTS = 20_000;

    private static PostgresServer server;
    private static String database;
    private static Connection connection;

    @BeforeAll
    static void backlog() throws SQLException {
        server = PostgresServer.locateOrStart();
        database = "eventstore_plan_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        server.createDatabase(database);
        EventStoreSchema.migrate(server.jdbcUrl(database), server.username(), server.password());
        connection = DriverManager.getConnection(server.jdbcUrl(database), server.username(), server.password());
        try (var statement = connection.createStatement()) {
            statement.execute("""
                    INSERT INTO outbox (id, aggregatetype, aggregateid, type, payload, timestamp, source,
                                        correlationid, causationid)
                    SELECT gen_random_uuid(), 'order', 'order-' || n, 'OrderPlaced.v3', '{"total": "10.00"}', now(),
                           '//shopflow/order-service', 'corr-' || n, 'cmd-' || n
                    FROM generate_series(1, %d) n""".formatted(WAITING_EVENTS));
            statement.execute("ANALYZE outbox");
        }
    }

    @AfterAll
    static void drop() throws SQLException {
        connection.close();
        server.dropDatabase(database);
        server.close();
    }

    @Test
    void a_batch_reads_its_lanes_index_and_deletes_by_row_address() throws SQLException {
        assertTakesThroughTheLane(plan("EXPLAIN " + OutboxBatches.TAKE_FROM_LANE, 3, 1000));
    }

    /** A statement the driver has prepared may run on a plan made without its parameters' values. */
    @Test
    void so_does_the_plan_made_without_the_lane_and_limit() throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute("SET plan_cache_mode = force_generic_plan");
            statement.execute("PREPARE take(int, int) AS "
                    + OutboxBatches.TAKE_FROM_LANE.replaceFirst("\\?", "\\$1").replaceFirst("\\?", "\\$2"));
            try {
                assertTakesThroughTheLane(plan("EXPLAIN EXECUTE take(3, 1000)"));
            } finally {
                statement.execute("DEALLOCATE take");
                statement.execute("RESET plan_cache_mode");
            }
        }
    }

    private static void assertTakesThroughTheLane(List<String> plan) {
        // An index scan in position order, or a bitmap scan of the lane's entries then a sort: the lane's rows alone.
        assertThat(plan).anyMatch(line -> line.contains("Index Scan") && line.contains("outbox_lane_position"))
                .anyMatch(line -> line.contains("Tid Scan on outbox"))
                .noneMatch(line -> line.contains("Seq Scan"))
                .noneMatch(line -> line.contains("outbox_pkey"));
    }

    private static List<String> plan(String explain, Object... parameters) throws SQLException {
        try (var statement = connection.prepareStatement(explain)) {
            for (int n = 0; n < parameters.length; n++) {
                statement.setObject(n + 1, parameters[n]);
            }
            try (var rows = statement.executeQuery()) {
                var lines = new ArrayList<String>();
                while (rows.next()) {
                    lines.add(rows.getString(1));
                }
                return lines;
            }
        }
    }
}
