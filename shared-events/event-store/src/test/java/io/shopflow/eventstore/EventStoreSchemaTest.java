package io.shopflow.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

class EventStoreSchemaTest {

    private static final int MIGRATIONS = 8;

    @Test
    void migratesBesideAServicesOwnFlywaySchemaAndRerunningChangesNothing() throws SQLException {
        try (TestDatabase database = TestDatabase.empty("schema")) {
            Flyway service = Flyway.configure()
                    .dataSource(database.jdbcUrl(), database.username(), database.password())
                    .locations("classpath:db/service-under-test")
                    .load();
            assertThat(service.migrate().migrationsExecuted).isEqualTo(2);

            assertThat(database.migrate()).isEqualTo(MIGRATIONS);
            assertThat(database.migrate()).as("second run").isZero();
            assertThat(service.migrate().migrationsExecuted).as("the service's history is untouched").isZero();

            try (Connection jdbc = connect(database)) {
                assertThat(strings(jdbc, "SELECT version FROM flyway_schema_history ORDER BY installed_rank"))
                        .containsExactly("1", "2");
                assertThat(strings(jdbc, "SELECT version FROM shopflow_eventstore_schema_history"
                        + " WHERE success ORDER BY installed_rank"))
                        .as("baseline 0, then every migration of ours").containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8");
                assertThat(strings(jdbc, "SELECT table_name FROM information_schema.tables"
                        + " WHERE table_schema = 'public' ORDER BY table_name"))
                        .contains("users", "event_store", "snapshots", "outbox", "inbox", "dead_letters");
            }
        }
    }

    @Test
    void createsTheOutboxWithDebeziumsColumnNamesInAnEmptyDatabase() throws SQLException {
        try (TestDatabase database = TestDatabase.empty("schema_empty")) {
            assertThat(database.migrate()).isEqualTo(MIGRATIONS);

            try (Connection jdbc = connect(database)) {
                assertThat(strings(jdbc, "SELECT column_name FROM information_schema.columns"
                        + " WHERE table_name = 'outbox'"))
                        .contains("id", "aggregatetype", "aggregateid", "type", "payload", "timestamp",
                                "tracingspancontext");
                assertThat(strings(jdbc, "SELECT data_type FROM information_schema.columns"
                        + " WHERE table_name = 'outbox' AND column_name IN ('id', 'payload') ORDER BY column_name"))
                        .containsExactly("uuid", "jsonb");
                assertThat(strings(jdbc, "SELECT constraint_name FROM information_schema.table_constraints"
                        + " WHERE table_name = 'event_store' AND constraint_type IN ('PRIMARY KEY', 'UNIQUE')"))
                        .containsExactlyInAnyOrder("event_store_stream_version_pk", "event_store_event_id_unique");
                assertThat(strings(jdbc, "SELECT trigger_name FROM information_schema.triggers"
                        + " WHERE event_object_table = 'outbox'"))
                        .as("no NOTIFY on commit: it would serialise the server's commits (decision 0014)").isEmpty();
            }
        }
    }

    private static Connection connect(TestDatabase database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }

    private static List<String> strings(Connection jdbc, String sql) throws SQLException {
        var values = new ArrayList<String>();
        try (var statement = jdbc.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
