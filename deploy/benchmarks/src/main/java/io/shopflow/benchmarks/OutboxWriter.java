package io.shopflow.benchmarks;

import io.shopflow.events.EventEnvelope;
import io.shopflow.eventstore.Outbox;
import io.vertx.mutiny.sqlclient.Pool;
import java.util.List;

/** Commits events to the outbox the way a service does: through the reactive pool, on its own transactions. */
final class OutboxWriter {

    private final Pool pool;
    private final Outbox outbox;

    /** @param committed told of each committed transaction, as a service's outbox tells its relay */
    OutboxWriter(Pool pool, Runnable committed) {
        this.pool = pool;
        this.outbox = new Outbox(committed);
    }

    /** Commits {@code events} in transactions of {@code perTransaction}. */
    void commitInTransactionsOf(int perTransaction, List<EventEnvelope> events) {
        for (int from = 0; from < events.size(); from += perTransaction) {
            commit(events.subList(from, Math.min(from + perTransaction, events.size())));
        }
    }

    void commit(List<EventEnvelope> events) {
        pool.withTransaction(tx -> outbox.enqueue(tx, events)).await().indefinitely();
    }

    long backlog() {
        return pool.query("SELECT count(*) FROM outbox").execute()
                .map(rows -> rows.iterator().next().getLong(0))
                .await().indefinitely();
    }
}
