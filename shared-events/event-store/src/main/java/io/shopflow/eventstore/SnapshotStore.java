package io.shopflow.eventstore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The latest snapshot of each stream, as JSON. A snapshot is a cache of what the events already say, so one
 * written for another shape of the state ({@code state_version}) is simply not used.
 */
public final class SnapshotStore {

    private static final String LATEST = """
            SELECT version, state::text AS state FROM snapshots WHERE stream_id = $1 AND state_version = $2""";
    /**
     * Overwrites unconditionally: it runs in the transaction of the append that just won the stream at
     * {@code version}, so no newer snapshot of the stream can exist. The state is bound as text and cast: a
     * String bound to a jsonb parameter would be stored as one JSON string.
     */
    private static final String SAVE = """
            INSERT INTO snapshots (stream_id, version, state, state_version) VALUES ($1, $2, $3::text::jsonb, $4)
            ON CONFLICT (stream_id) DO UPDATE
            SET version = EXCLUDED.version, state = EXCLUDED.state, state_version = EXCLUDED.state_version,
                taken_at = now()""";

    private final ObjectMapper json;

    /** {@code json} writes and reads the state classes, e.g. the service's own configured mapper. */
    public SnapshotStore(ObjectMapper json) {
        this.json = json;
    }

    /** The stream's snapshot written with {@code stateVersion}, or null when there is none usable. */
    public <S> Uni<Snapshot<S>> latest(SqlClient client, String streamId, Class<S> stateType, int stateVersion) {
        return client.preparedQuery(LATEST).execute(Tuple.of(streamId, stateVersion))
                .map(rows -> single(rows, streamId, stateType));
    }

    public Uni<Void> save(SqlConnection tx, String streamId, long version, Object state, int stateVersion) {
        return tx.preparedQuery(SAVE).execute(Tuple.of(streamId, version, write(state), stateVersion))
                .replaceWithVoid();
    }

    private String write(Object state) {
        try {
            return json.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write " + state.getClass().getName() + " as JSON", e);
        }
    }

    private <S> Snapshot<S> single(RowSet<Row> rows, String streamId, Class<S> stateType) {
        var iterator = rows.iterator();
        if (!iterator.hasNext()) {
            return null;
        }
        Row row = iterator.next();
        try {
            return new Snapshot<>(row.getLong("version"), json.readValue(row.getString("state"), stateType));
        } catch (JsonProcessingException e) {
            // Same state_version but a different shape: the aggregate changed its state without bumping it.
            throw new IllegalStateException("The snapshot of " + streamId + " does not fit " + stateType.getName()
                    + "; bump the state version when the state's shape changes", e);
        }
    }
}
