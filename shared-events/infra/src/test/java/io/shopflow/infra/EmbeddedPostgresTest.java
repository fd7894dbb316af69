package io.shopflow.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Forces the embedded mode, whatever else this machine has, so that path really runs. */
class EmbeddedPostgresTest {

    @Test
    void startsAPrivateServerFromTheShippedBinariesAndStopsIt() throws SQLException {
        PostgresSettings embeddedOnly = PostgresSettings.from(Map.of("SHOPFLOW_PG_MODE", "embedded")::get);
        PostgresServer server = PostgresServer.locateOrStart(embeddedOnly, PostgresProbe.jdbc(), EmbeddedBinaries.forThisMachine());
        String jdbcUrl = server.jdbcUrl("shop");
        try {
            assertTrue(server.isEmbedded());
            server.createDatabase("shop");
            try (Connection connection = DriverManager.getConnection(jdbcUrl, server.username(), server.password());
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT current_setting('server_version_num')::int / 10000")) {
                assertTrue(rows.next());
                assertEquals(17, rows.getInt(1), "major version of the binaries artifact");
            }
        } finally {
            server.close();
        }

        assertThrows(SQLException.class,
                () -> DriverManager.getConnection(jdbcUrl, server.username(), server.password()).close(),
                "server stopped");
    }
}
