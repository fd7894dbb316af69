package io.shopflow.eventstore;

import static io.shopflow.eventstore.Columns.ids;
import static io.shopflow.eventstore.Columns.strings;
import static io.shopflow.eventstore.Columns.times;
import static io.shopflow.eventstore.Columns.typeVersions;

import io.shopflow.events.EventEnvelope;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import java.util.ArrayList;
import java.util.List;

/**
 * Event streams with optimistic concurrency. An append names the version the writer last saw; it succeeds only
 * if the stream is still there, and writes the events and their outbox rows on the caller's transaction.
 */
public final class EventStore {

    /** SQLSTATE unique_violation. */
    private static final String UNIQUE_VIOLATION = "23505";
    /** The primary key (stream_id, version), named in migration V1; a violation of it is a lost race. */
    private static final String STREAM_VERSION_KEY = "event_store_stream_version_pk";

    /**
     * One statement for the whole batch. The WHERE clause refuses an expected version that is not the stream's
     * current one (no rows inserted), so a writer that is ahead can never leave a gap; two writers at the same
     * version both pass it and the primary key lets only the first commit win. Payloads travel as text and are
     * cast, as in {@link Outbox}.
     */
    private static final String APPEND = """
            INSERT INTO event_store (stream_id, version, event_id, source, aggregate_type, event_type, event_version,
                                     payload, correlation_id, causation_id, traceparent, occurred_at)
            SELECT $1, $2::bigint + e.ordinal, e.event_id, e.source, e.aggregate_type, e.event_type, e.event_version,
                   e.payload::jsonb, e.correlation_id, e.causation_id, e.traceparent, e.occurred_at
            FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::int[], $8::text[], $9::text[],
                        $10::text[], $11::text[], $12::timestamptz[])
                 WITH ORDINALITY AS e(event_id, source, aggregate_type, event_type, event_version, payload,
                                      correlation_id, causation_id, traceparent, occurred_at, ordinal)
            WHERE (SELECT COALESCE(MAX(version), 0) FROM event_store WHERE stream_id = $1) = $2::bigint
            ORDER BY e.ordinal""";

    private static final String READ = """
            SELECT version, event_id, source, aggregate_type, event_type, event_version, payload::text AS payload,
                   correlation_id, causation_id, traceparent, occurred_at
            FROM event_store
            WHERE stream_id = $1 AND version > $2
            ORDER BY version""";

    /** Every stream has a version 1, so its rows list the streams, in the primary key's order. */
    private static final String STREAM_IDS = """
            SELECT stream_id FROM event_store WHERE version = 1 AND stream_id > $1 ORDER BY stream_id LIMIT $2""";

    private static final String COUNT_STREAMS = "SELECT count(*) FROM event_store WHERE version = 1";

    private final Outbox outbox;

    public EventStore(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * Appends {@code events} as versions {@code expectedVersion + 1}, ... of the stream, and enqueues them in the
     * outbox, all on {@code tx}; run it inside a transaction ({@code pool.withTransaction}).
     *
     * @param streamId        the aggregate id: every event must belong to it (the stream is read back as it)
     * @param expectedVersion the stream's version when the caller read it; 0 for a new stream
     * @return the stream's new version
     * @throws ConcurrencyConflictException (as the failure) when the stream is no longer at {@code expectedVersion}
     */
    public Uni<Long> append(SqlConnection tx, String streamId, long expectedVersion, List<EventEnvelope> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(expectedVersion);
        }
        var stray = events.stream().filter(event -> !streamId.equals(event.aggregateId())).findAny();
        if (stray.isPresent()) {
            return Uni.createFrom().failure(new IllegalArgumentException("Event " + stray.get().id() + " of aggregate "
                    + stray.get().aggregateId() + " cannot go to stream " + streamId));
        }
        return tx.preparedQuery(APPEND).execute(rows(streamId, expectedVersion, events))
                .onFailure(EventStore::isLostRace).transform(e -> new ConcurrencyConflictException(streamId, expectedVersion))
                .flatMap(inserted -> {
                    if (inserted.rowCount() != events.size()) {
                        return Uni.createFrom().failure(new ConcurrencyConflictException(streamId, expectedVersion));
                    }
                    return outbox.enqueue(tx, events).replaceWith(expectedVersion + events.size());
                });
    }

    /** The stream's events with a version above {@code afterVersion}, oldest first, in their stored versions. */
    public Uni<List<RecordedEvent>> read(SqlClient client, String streamId, long afterVersion) {
        return client.preparedQuery(READ).execute(Tuple.of(streamId, afterVersion))
                .map(rows -> recorded(streamId, rows));
    }

    /**
     * Up to {@code limit} stream ids after {@code afterStreamId} (empty string: from the first), in id order: a walk
     * over every stream in pages, for work that rebuilds what was derived from them.
     */
    public Uni<List<String>> streamIds(SqlClient client, String afterStreamId, int limit) {
        return client.preparedQuery(STREAM_IDS).execute(Tuple.of(afterStreamId, limit))
                .map(rows -> {
                    var ids = new ArrayList<String>(rows.size());
                    rows.forEach(row -> ids.add(row.getString("stream_id")));
                    return ids;
                });
    }

    /** How many streams there are. */
    public Uni<Long> countStreams(SqlClient client) {
        return client.query(COUNT_STREAMS).execute().map(rows -> rows.iterator().next().getLong(0));
    }

    private static Tuple rows(String streamId, long expectedVersion, List<EventEnvelope> events) {
        return Tuple.tuple()
                .addValue(streamId)
                .addValue(expectedVersion)
                .addValue(ids(events))
                .addValue(strings(events, EventEnvelope::source))
                .addValue(strings(events, EventEnvelope::aggregateType))
                .addValue(strings(events, EventEnvelope::type))
                .addValue(typeVersions(events))
                .addValue(strings(events, EventEnvelope::data))
                .addValue(strings(events, EventEnvelope::correlationId))
                .addValue(strings(events, EventEnvelope::causationId))
                .addValue(strings(events, EventEnvelope::traceparent))
                .addValue(times(events));
    }

    private static boolean isLostRace(Throwable failure) {
        return failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
                && STREAM_VERSION_KEY.equals(pg.getConstraint());
    }

    private static List<RecordedEvent> recorded(String streamId, RowSet<Row> rows) {
        var events = new ArrayList<RecordedEvent>(rows.size());
        for (Row row : rows) {
            var envelope = new EventEnvelope(
                    row.getUUID("event_id"),
                    row.getString("source"),
                    row.getString("event_type"),
                    row.getInteger("event_version"),
                    row.getString("aggregate_type"),
                    streamId,
                    row.getOffsetDateTime("occurred_at").toInstant(),
                    row.getString("correlation_id"),
                    row.getString("causation_id"),
                    row.getString("traceparent"),
                    row.getString("payload"));
            events.add(new RecordedEvent(streamId, row.getLong("version"), envelope));
        }
        return events;
    }
}
