package io.shopflow.eventstore;

import static io.shopflow.eventstore.Columns.ids;
import static io.shopflow.eventstore.Columns.strings;
import static io.shopflow.eventstore.Columns.times;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Tracer;
import io.shopflow.events.EventEnvelope;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.List;

/**
 * Writes events to the transactional outbox on the caller's connection, so they are published if and only if
 * the caller's transaction commits. Services that are not event-sourced call {@link #enqueue} beside their own
 * state change; {@link EventStore#append} calls it for event-sourced ones.
 *
 * <p>A relay LISTENs on {@link #NOTIFY_CHANNEL}: a trigger on the table notifies it when an inserting
 * transaction commits.
 */
public final class Outbox {

    /** The channel the outbox trigger notifies (migration V3 names it too). */
    public static final String NOTIFY_CHANNEL = "shopflow_outbox";

    /**
     * All rows in one statement, in list order, so {@code position} follows the order of the events. Payloads
     * travel as text and are cast here: a String bound to a jsonb parameter would be stored as one JSON string.
     */
    private static final String INSERT = """
            INSERT INTO outbox (id, aggregatetype, aggregateid, type, payload, timestamp, tracingspancontext,
                                source, correlationid, causationid)
            SELECT e.id, e.aggregatetype, e.aggregateid, e.type, e.payload::jsonb, e.time, e.traceparent,
                   e.source, e.correlationid, e.causationid
            FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::varchar[], $5::text[], $6::timestamptz[],
                        $7::varchar[], $8::varchar[], $9::varchar[], $10::varchar[])
                 WITH ORDINALITY AS e(id, aggregatetype, aggregateid, type, payload, time, traceparent,
                                      source, correlationid, causationid, ordinal)
            ORDER BY e.ordinal""";

    private static final AttributeKey<List<String>> EVENT_TYPES = AttributeKey.stringArrayKey("shopflow.event.types");

    private final Tracer tracer;

    /** An outbox whose writes make no spans: for tools and tests. */
    public Outbox() {
        this(OpenTelemetry.noop().getTracer(Outbox.class.getName()));
    }

    /** An outbox whose writes are spans of the events' trace ({@link EventTracing}). */
    public Outbox(Tracer tracer) {
        this.tracer = tracer;
    }

    /**
     * Inserts one outbox row per event on {@code tx}; the caller owns the transaction. The write is a span of the
     * events' trace (one flow's events share it), and the rows carry that span on to the relay.
     */
    public Uni<Void> enqueue(SqlConnection tx, List<EventEnvelope> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(() -> {
            var first = events.get(0);
            var span = tracer.spanBuilder("outbox write")
                    .setParent(EventTracing.parentFrom(first.traceparent()))
                    .setAttribute("shopflow.aggregate.id", first.aggregateId())
                    .setAttribute(EVENT_TYPES, events.stream().map(EventEnvelope::ceType).distinct().toList())
                    .startSpan();
            var traced = events.stream()
                    .map(event -> event.withTraceparent(EventTracing.passedOn(span, event.traceparent())))
                    .toList();
            return tx.preparedQuery(INSERT).execute(rows(traced)).replaceWithVoid()
                    .onTermination().invoke((ignored, failure, cancelled) -> EventTracing.end(span, failure));
        });
    }

    private static Tuple rows(List<EventEnvelope> events) {
        return Tuple.tuple()
                .addValue(ids(events))
                .addValue(strings(events, EventEnvelope::aggregateType))
                .addValue(strings(events, EventEnvelope::aggregateId))
                // Debezium routes and CloudEvents consumers both want the versioned type: OrderPlaced.v3.
                .addValue(strings(events, EventEnvelope::ceType))
                .addValue(strings(events, EventEnvelope::data))
                .addValue(times(events))
                .addValue(strings(events, EventEnvelope::traceparent))
                .addValue(strings(events, EventEnvelope::source))
                .addValue(strings(events, EventEnvelope::correlationId))
                .addValue(strings(events, EventEnvelope::causationId));
    }
}
