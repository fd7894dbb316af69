package io.shopflow.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs against whatever server {@link PostgresServer#locateOrStart()} finds on this machine. */
class PostgresServerTest {

    private static PostgresServer server;

    @BeforeAll
    static void locateServer() {
        server = PostgresServer.locateOrStart();
    }

    @AfterAll
    static void releaseServer() {
        server.close();
    }

    @Test
    void createsADatabaseThatAcceptsWrites() throws SQLException {
        String database = uniqueName();
        server.createDatabase(database);
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE greeting (text VARCHAR(20))");
            statement.execute("INSERT INTO greeting VALUES ('hello')");
            try (ResultSet rows = statement.executeQuery("SELECT text FROM greeting")) {
                assertTrue(rows.next());
                assertEquals("hello", rows.getString(1));
            }
        } finally {
            server.dropDatabase(database);
        }
    }

    @Test
    void dropsADatabaseEvenWhileSomeoneIsConnected() throws SQLException {
        String database = uniqueName();
        server.createDatabase(database);
        try (Connection stillOpen = connect(database)) {
            server.dropDatabase(database);

            assertFalse(server.databaseExists(database));
            assertThrows(SQLException.class, () -> connect(database).close());
        }
    }

    @Test
    void createIfMissingKeepsAnExistingDatabaseAndItsData() throws SQLException {
        String database = uniqueName();
        try {
            server.createDatabaseIfMissing(database);
            try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE kept (id INT)");
            }

            server.createDatabaseIfMissing(database);

            try (Connection connection = connect(database); Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT count(*) FROM kept")) {
                assertTrue(rows.next());
            }
        } finally {
            server.dropDatabase(database);
        }
    }

    @Test
    void refusesDatabaseNamesThatWouldNeedQuoting() {
        assertThrows(IllegalArgumentException.class, () -> server.createDatabase("users; DROP DATABASE postgres"));
        assertThrows(IllegalArgumentException.class, () -> server.createDatabase("Users"));
    }

    @Test
    void describesItselfWithoutThePassword() {
        assertTrue(server.describe().contains(server.host() + ":" + server.port()), server.describe());
        assertFalse(server.describe().contains(":" + server.password() + "@"), server.describe());
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(database), server.username(), server.password());
    }

    private static String uniqueName() {
        return "infra_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }
}
