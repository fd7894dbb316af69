package io.shopflow.eventstore;

import io.shopflow.infra.PostgresServer;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh database on the real PostgreSQL server for one test class, with a reactive pool on it; closing it
 * drops the database.
 */
final class TestDatabase implements AutoCloseable {

    /** One server for the test JVM: an embedded one costs seconds to start, databases isolate the classes. */
    private static final PostgresServer SERVER = startServer();
    /** Above the number of concurrent writers in the tests, so writers really run in parallel. */
    private static final int POOL_SIZE = 16;

    private final String name;
    private final Vertx vertx;
    private final Pool pool;

    private TestDatabase(String name) {
        this.name = name;
        SERVER.createDatabase(name);
        this.vertx = Vertx.vertx();
        this.pool = PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(POOL_SIZE))
                .connectingTo(connectOptions())
                .using(vertx)
                .build();
    }

    /** A new, empty database named after the test class, without the event store's schema. */
    static TestDatabase empty(String purpose) {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return new TestDatabase(("eventstore_" + purpose + "_" + suffix).toLowerCase(Locale.ROOT));
    }

    /** A new database with the event store's schema migrated into it. */
    static TestDatabase migrated(String purpose) {
        TestDatabase database = empty(purpose);
        database.migrate();
        return database;
    }

    int migrate() {
        return EventStoreSchema.migrate(jdbcUrl(), SERVER.username(), SERVER.password());
    }

    Pool pool() {
        return pool;
    }

    Vertx vertx() {
        return vertx;
    }

    String jdbcUrl() {
        return SERVER.jdbcUrl(name);
    }

    String username() {
        return SERVER.username();
    }

    String password() {
        return SERVER.password();
    }

    PgConnectOptions connectOptions() {
        return new PgConnectOptions()
                .setHost(SERVER.host())
                .setPort(SERVER.port())
                .setDatabase(name)
                .setUser(SERVER.username())
                .setPassword(SERVER.password());
    }

    @Override
    public void close() {
        pool.closeAndAwait();
        vertx.closeAndAwait();
        SERVER.dropDatabase(name);
    }

    private static PostgresServer startServer() {
        PostgresServer server = PostgresServer.locateOrStart();
        // Stops only an embedded server this JVM started; a server found running is left alone.
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "eventstore-test-postgres-stop"));
        return server;
    }
}
