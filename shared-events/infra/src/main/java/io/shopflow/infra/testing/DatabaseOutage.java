package io.shopflow.infra.testing;

/**
 * A test's database down for a while (on the test JVM's shared server; see
 * {@link io.shopflow.infra.PostgresServer#refuseConnections}): it refuses connections from {@link #begin} until
 * {@link #close}, so try-with-resources ends the outage even when the test fails.
 */
public final class DatabaseOutage implements AutoCloseable {

    private final String database;

    private DatabaseOutage(String database) {
        this.database = database;
    }

    public static DatabaseOutage begin(String database) {
        JvmWideInfrastructure.postgres().refuseConnections(database);
        return new DatabaseOutage(database);
    }

    @Override
    public void close() {
        JvmWideInfrastructure.postgres().acceptConnections(database);
    }
}
