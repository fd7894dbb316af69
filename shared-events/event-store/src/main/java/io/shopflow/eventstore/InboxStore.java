package io.shopflow.eventstore;

import io.shopflow.events.EventEnvelope;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The inbox: which events each consumer has already processed. Marking happens on the consumer's own
 * transaction, so "processed" and the effect of processing commit or roll back together.
 */
public final class InboxStore {

    /**
     * A batch's ids in one statement; RETURNING names the ones inserted now, i.e. never processed before. A row
     * another transaction is inserting makes this one wait for it, then count the event as processed.
     */
    private static final String MARK = """
            INSERT INTO inbox (consumer, event_id, event_type)
            SELECT $1, e.event_id, e.event_type FROM unnest($2::uuid[], $3::text[]) AS e(event_id, event_type)
            ON CONFLICT (consumer, event_id) DO NOTHING
            RETURNING event_id""";
    private static final String PURGE = "DELETE FROM inbox WHERE processed_at < $1";

    /**
     * Records that {@code consumer} processes {@code events} (distinct ids) and returns the ids of those it had
     * not processed before, on the caller's transaction: the rest are redeliveries.
     */
    public Uni<Set<UUID>> markProcessed(SqlConnection tx, String consumer, List<EventEnvelope> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return tx.preparedQuery(MARK)
                .execute(Tuple.of(consumer, Columns.ids(events), Columns.strings(events, EventEnvelope::ceType)))
                .map(inserted -> {
                    var fresh = new HashSet<UUID>(inserted.size());
                    inserted.forEach(row -> fresh.add(row.getUUID("event_id")));
                    return fresh;
                });
    }

    /** Deletes the rows of events processed before {@code cutoff}; returns how many. */
    public Uni<Integer> purgeProcessedBefore(SqlClient client, Instant cutoff) {
        return client.preparedQuery(PURGE).execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC)))
                .map(deleted -> deleted.rowCount());
    }
}
