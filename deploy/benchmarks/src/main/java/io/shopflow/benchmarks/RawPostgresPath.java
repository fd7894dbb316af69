package io.shopflow.benchmarks;

import io.shopflow.events.EventEnvelope;
import io.shopflow.eventstore.EventStore;
import io.shopflow.eventstore.EventStoreSchema;
import io.shopflow.eventstore.Outbox;
import io.shopflow.infra.PostgresServer;
import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The baseline for the database: what a service's state change costs PostgreSQL alone, an event appended to its
 * stream and enqueued in the outbox in one transaction ({@link EventStore#append}, the services' own code), from a
 * service-sized reactive pool with many transactions in flight. It runs in a scratch database with the event
 * store's schema on the PostgreSQL server the platform uses, dropped afterwards.
 */
final class RawPostgresPath {

    private static final String DATABASE_PREFIX = "benchmark_saga_raw_";
    /** The services' reactive pools have about this many connections. */
    private static final int POOL_SIZE = 8;
    /** Transactions in flight at once: as many as the benchmark's clients, so the pool is never idle. */
    private static final int IN_FLIGHT = SagaBenchmark.CLIENTS;

    private RawPostgresPath() {
    }

    /** Commits each of {@code events} (of distinct new streams) in a transaction of its own. */
    static Throughput throughput(String label, List<EventEnvelope> events) {
        String database = DATABASE_PREFIX + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (var postgres = PostgresServer.locateOrStart()) {
            postgres.createDatabase(database);
            try {
                EventStoreSchema.migrate(postgres.jdbcUrl(database), postgres.username(), postgres.password());
                return commitEach(label, events, postgres, database);
            } finally {
                postgres.dropDatabase(database);
            }
        }
    }

    private static Throughput commitEach(String label, List<EventEnvelope> events, PostgresServer postgres,
                                         String database) {
        var vertx = Vertx.vertx();
        Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(POOL_SIZE))
                .connectingTo(new PgConnectOptions().setHost(postgres.host()).setPort(postgres.port())
                        .setDatabase(database).setUser(postgres.username()).setPassword(postgres.password()))
                .using(vertx).build();
        var store = new EventStore(new Outbox());
        try {
            long started = System.nanoTime();
            Multi.createFrom().iterable(events)
                    .onItem().transformToUni(event -> pool.withTransaction(
                            tx -> store.append(tx, event.aggregateId(), 0, List.of(event))))
                    .merge(IN_FLIGHT)
                    .collect().last().await().indefinitely();
            return new Throughput(label, events.size(), Duration.ofNanos(System.nanoTime() - started));
        } finally {
            pool.closeAndAwait();
            vertx.closeAndAwait();
        }
    }
}
