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
import io.vertx.sqlclient.Transaction;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes events to the transactional outbox on the caller's connection, so they are published if and only if
 * the caller's transaction commits. Services that are not event-sourced call {@link #enqueue} beside their own
 * state change; {@link EventStore#append} calls it for event-sourced ones.
 *
 * <p>Once a transaction that wrote events commits, the outbox says so to this process' relay (the {@code committed}
 * hook, once per transaction), which publishes them at once. A relay learns of events written by another process
 * (a replica that died before publishing them) from its backlog sample. PostgreSQL's NOTIFY, which woke relays
 * before, serialises every notifying commit of the whole server behind one lock held through the commit's WAL
 * flush, so no two such commits could share a flush (decision 0014).
 */
public final class Outbox {

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
    private final Runnable committed;
    /** Transactions that wrote events and have not ended: each says it committed once, however many writes it held. */
    private final Set<Transaction> open = ConcurrentHashMap.newKeySet();

    /** An outbox whose writes make no spans and tell no relay: for tools and tests. */
    public Outbox() {
        this(() -> { });
    }

    /** An outbox whose writes make no spans, telling {@code committed} of each commit: for tools and tests. */
    public Outbox(Runnable committed) {
        this(OpenTelemetry.noop().getTracer(Outbox.class.getName()), committed);
    }

    /**
     * An outbox whose writes are spans of the events' trace ({@link EventTracing}).
     *
     * @param committed called once a transaction that wrote events here has committed (on the thread that saw the
     *                  commit: keep it short), e.g. {@code OutboxRelay::wake}
     */
    public Outbox(Tracer tracer, Runnable committed) {
        this.tracer = tracer;
        this.committed = committed;
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
                    .onTermination().invoke((ignored, failure, cancelled) -> EventTracing.end(span, failure))
                    .invoke(() -> sayWhenCommitted(tx));
        });
    }

    /** Calls {@code committed} when {@code tx}'s transaction commits; at once for a statement committed on its own. */
    private void sayWhenCommitted(SqlConnection tx) {
        var transaction = tx.transaction();
        if (transaction == null) {
            committed.run();
            return;
        }
        var ending = transaction.getDelegate();
        if (open.add(ending)) {
            ending.completion().onComplete(ended -> {
                open.remove(ending);
                if (ended.succeeded()) {
                    committed.run();
                }
            });
        }
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
