package io.shopflow.infra;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/** Tells whether a PostgreSQL server can be used, by really logging in to it. */
@FunctionalInterface
public interface PostgresProbe {

    /** @return why the server cannot be used, or empty when logging in worked */
    Optional<String> problemConnecting(PostgresCoordinates server);

    /** Logs in over JDBC to the {@code postgres} maintenance database, giving up quickly on silent hosts. */
    static PostgresProbe jdbc() {
        return server -> {
            Properties timeouts = new Properties();
            timeouts.setProperty("connectTimeout", "2");
            timeouts.setProperty("socketTimeout", "5");
            try (Connection ignored = PostgresConnections.open(server, PostgresServer.MAINTENANCE_DATABASE, timeouts)) {
                return Optional.empty();
            } catch (SQLException e) {
                return Optional.of(e.getMessage());
            }
        };
    }
}
