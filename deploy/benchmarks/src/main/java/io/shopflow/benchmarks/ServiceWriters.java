package io.shopflow.benchmarks;

import io.shopflow.events.EventEnvelope;
import io.shopflow.eventstore.EventStore;
import io.shopflow.eventstore.Outbox;
import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.time.Duration;
import java.util.List;

/**
 * Writers as a service has them: each event a state change committed in a transaction of its own (appended to a
 * new stream and enqueued in the outbox, {@link EventStore#append}, the services' own code), from a reactive pool of
 * a service's size with more transactions in flight than connections, so the pool is never idle.
 */
final class ServiceWriters implements AutoCloseable {

    /** The services' reactive pools have about this many connections. */
    static final int POOL_SIZE = 8;
    /** Transactions in flight at once: as many as the saga benchmark's clients. */
    static final int IN_FLIGHT = 32;

    private final Vertx vertx = Vertx.vertx();
    private final Pool pool;
    private final EventStore store;

    /** @param committed told of each committed transaction, as a service's outbox tells its relay */
    ServiceWriters(PgConnectOptions database, Runnable committed) {
        store = new EventStore(new Outbox(committed));
        pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(POOL_SIZE)).connectingTo(database).using(vertx)
                .build();
    }

    /** Commits each of {@code events} (of distinct new streams) in a transaction of its own, all at full speed. */
    Throughput commitEach(String label, List<EventEnvelope> events) {
        long started = System.nanoTime();
        Multi.createFrom().iterable(events)
                .onItem().transformToUni(event -> pool.withTransaction(
                        tx -> store.append(tx, event.aggregateId(), 0, List.of(event))))
                .merge(IN_FLIGHT)
                .collect().last().await().indefinitely();
        return new Throughput(label, events.size(), Duration.ofNanos(System.nanoTime() - started));
    }

    @Override
    public void close() {
        pool.closeAndAwait();
        vertx.closeAndAwait();
    }
}
