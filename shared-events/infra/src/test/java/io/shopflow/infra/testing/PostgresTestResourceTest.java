package io.shopflow.infra.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.shopflow.infra.PostgresServer;

class PostgresTestResourceTest {

    @Test
    void startGivesAFreshWritableDatabaseNamedAfterTheInitArgument() throws SQLException {
        PostgresTestResource resource = new PostgresTestResource();
        resource.init(Map.of(PostgresTestResource.DATABASE_ARG, "users"));
        Map<String, String> config = resource.start();
        try {
            String database = resource.database();
            assertTrue(database.matches("users_[0-9a-f]{12}"), database);
            assertTrue(config.get("quarkus.datasource.jdbc.url").endsWith("/" + database), config.toString());
            PostgresServer server = JvmWideInfrastructure.postgres();
            assertEquals("postgresql://" + server.host() + ":" + server.port() + "/" + database,
                    config.get("quarkus.datasource.reactive.url"));

            try (Connection connection = connect(config); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE app_user (name TEXT)");
                statement.execute("INSERT INTO app_user VALUES ('ada')");
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM app_user")) {
                    assertTrue(rows.next());
                    assertEquals(1, rows.getInt(1));
                }
            }
        } finally {
            resource.stop();
        }

        assertThrows(SQLException.class, () -> connect(config).close(), "database dropped on stop");
    }

    @Test
    void everyStartGetsItsOwnDatabaseWithTheDefaultPrefix() {
        PostgresTestResource first = new PostgresTestResource();
        PostgresTestResource second = new PostgresTestResource();
        first.init(Map.of());
        second.init(Map.of());
        try {
            Map<String, String> firstConfig = first.start();
            Map<String, String> secondConfig = second.start();

            assertTrue(first.database().startsWith("test_"), first.database());
            assertNotEquals(firstConfig.get("quarkus.datasource.jdbc.url"), secondConfig.get("quarkus.datasource.jdbc.url"));
        } finally {
            first.stop();
            second.stop();
        }
        assertNull(first.database(), "stop forgets the dropped database");
    }

    private static Connection connect(Map<String, String> config) throws SQLException {
        return DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"),
                config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"));
    }
}
