package io.shopflow.eventstore;

import io.shopflow.events.DomainEvent;
import io.shopflow.events.EventCodec;
import io.shopflow.events.EventEnvelope;
import io.shopflow.events.EventMetadata;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Loads event-sourced aggregates from their latest usable snapshot plus the events after it, and saves their new
 * events, outbox rows and any due snapshot in one transaction. The stream id is the aggregate id.
 */
public final class AggregateRepository<A extends EventSourcedAggregate<S>, S> {

    private final Pool pool;
    private final EventStore store;
    private final SnapshotStore snapshots;
    private final EventCodec codec;
    private final Function<String, A> newAggregate;
    private final SnapshotPolicy<S> snapshotPolicy;
    private final String source;

    /**
     * @param newAggregate   an aggregate with the given id and no events yet
     * @param source         the CloudEvents source of the events saved, e.g. {@code /order-service}
     */
    public AggregateRepository(Pool pool, EventStore store, SnapshotStore snapshots, EventCodec codec,
                               Function<String, A> newAggregate, SnapshotPolicy<S> snapshotPolicy, String source) {
        this.pool = pool;
        this.store = store;
        this.snapshots = snapshots;
        this.codec = codec;
        this.newAggregate = newAggregate;
        this.snapshotPolicy = snapshotPolicy;
        this.source = source;
    }

    /**
     * The aggregate as of its latest event, at version 0 when it has none. Stored events reach {@code apply} in
     * their current version, through the codec's upcasters.
     */
    public Uni<A> load(String id) {
        return load(pool, id);
    }

    /**
     * As {@link #load(String)}, read through {@code client}: a consumer's transaction, so that an aggregate changed
     * by an earlier event of the same batch, not yet committed, is read as that event left it.
     */
    public Uni<A> load(SqlClient client, String id) {
        // Snapshot first, events after it: events are immutable, so whatever was appended in between is read too.
        return snapshots.latest(client, id, snapshotPolicy.stateType(), snapshotPolicy.stateVersion())
                .flatMap(snapshot -> {
                    A aggregate = newAggregate.apply(id);
                    if (snapshot != null) {
                        aggregate.restore(snapshot);
                    }
                    return store.read(client, id, aggregate.version()).map(events -> {
                        replay(aggregate, events);
                        return aggregate;
                    });
                });
    }

    /**
     * The aggregate from its events alone, {@code history} being its whole stream oldest first (as
     * {@link EventStore#read} returns it from version 0); no snapshot is used, so what is rebuilt from it owes
     * nothing to what was derived before.
     */
    public A replay(String id, List<RecordedEvent> history) {
        A aggregate = newAggregate.apply(id);
        replay(aggregate, history);
        return aggregate;
    }

    private void replay(A aggregate, List<RecordedEvent> events) {
        events.forEach(event -> aggregate.replay(codec.decode(event.envelope()), event.version()));
    }

    /**
     * Saves the aggregate's uncommitted events at the version it was loaded at, with their outbox rows and, when
     * due, a snapshot, in one transaction of its own.
     *
     * @param metadata gives each event its own metadata, e.g.
     *                 {@code () -> EventMetadata.causedBy(EventCause.of(triggeringEvent))}
     * @return the stream's new version; fails with {@link ConcurrencyConflictException} if another writer saved first
     */
    public Uni<Long> save(A aggregate, Supplier<EventMetadata> metadata) {
        return pool.withTransaction(tx -> save(tx, aggregate, metadata));
    }

    /**
     * As {@link #save(EventSourcedAggregate, Supplier)}, on the caller's transaction: for a consumer whose inbox
     * row, or a command whose other writes, must commit together with the events.
     */
    public Uni<Long> save(SqlConnection tx, A aggregate, Supplier<EventMetadata> metadata) {
        var pending = aggregate.uncommittedEvents();
        if (pending.isEmpty()) {
            return Uni.createFrom().item(aggregate.version());
        }
        long expectedVersion = aggregate.version();
        // Encoding inside the deferred Uni turns an unregistered event into this Uni's failure.
        return Uni.createFrom().deferred(() -> store.append(tx, aggregate.id(), expectedVersion, encode(pending, metadata)))
                .call(newVersion -> snapshotPolicy.due(expectedVersion, newVersion)
                        ? snapshots.save(tx, aggregate.id(), newVersion, aggregate.state(), snapshotPolicy.stateVersion())
                        : Uni.createFrom().voidItem())
                .invoke(aggregate::markSaved);
    }

    private List<EventEnvelope> encode(List<DomainEvent> events, Supplier<EventMetadata> metadata) {
        return events.stream().map(event -> codec.encode(event, metadata.get(), source)).toList();
    }
}
