package io.shopflow.eventstore;

import io.shopflow.events.EventEnvelope;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The inbox: which events each consumer has already processed. Marking happens on the consumer's own
 * transaction, so "processed" and the effect of processing commit or roll back together.
 */
public final class InboxStore {

    private static final String MARK = """
            INSERT INTO inbox (consumer, event_id, event_type) VALUES ($1, $2, $3)
            ON CONFLICT (consumer, event_id) DO NOTHING""";
    private static final String PURGE = "DELETE FROM inbox WHERE processed_at < $1";

    /**
     * Records that {@code consumer} processes {@code event}. True the first time; false when it was processed
     * before. A concurrent delivery of the same event waits on the first one's row lock and then gets false.
     */
    public Uni<Boolean> markProcessed(SqlConnection tx, String consumer, EventEnvelope event) {
        return tx.preparedQuery(MARK).execute(Tuple.of(consumer, event.id(), event.ceType()))
                .map(inserted -> inserted.rowCount() == 1);
    }

    /** Deletes the rows of events processed before {@code cutoff}; returns how many. */
    public Uni<Integer> purgeProcessedBefore(SqlClient client, Instant cutoff) {
        return client.preparedQuery(PURGE).execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC)))
                .map(deleted -> deleted.rowCount());
    }
}
