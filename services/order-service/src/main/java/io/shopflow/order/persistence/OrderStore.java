package io.shopflow.order.persistence;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopflow.events.EventCodec;
import io.shopflow.events.EventMetadata;
import io.shopflow.events.quarkus.EventsConfig;
import io.shopflow.eventstore.AggregateRepository;
import io.shopflow.eventstore.EventStore;
import io.shopflow.eventstore.RecordedEvent;
import io.shopflow.eventstore.SnapshotPolicy;
import io.shopflow.eventstore.SnapshotStore;
import io.shopflow.order.config.OrderServiceConfig;
import io.shopflow.order.domain.Order;
import io.shopflow.order.domain.OrderState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Orders in the event store: loaded from their stream, saved as new events with their outbox rows and the read
 * model row, all in the caller's transaction.
 */
@ApplicationScoped
public class OrderStore {

    /** The shape of {@link OrderState} in snapshots: bump it when the record changes incompatibly. */
    private static final int SNAPSHOT_SHAPE = 1;

    private final Pool pool;
    private final EventStore events;
    private final OrderViews views;
    private final AggregateRepository<Order, OrderState> repository;

    public OrderStore(Pool pool, EventStore events, EventCodec codec, ObjectMapper json, OrderViews views,
                      OrderServiceConfig config, EventsConfig eventsConfig) {
        this.pool = pool;
        this.events = events;
        this.views = views;
        this.repository = new AggregateRepository<>(pool, events, new SnapshotStore(json), codec, Order::new,
                new SnapshotPolicy<>(OrderState.class, SNAPSHOT_SHAPE, config.snapshotEvery()), eventsConfig.source());
    }

    /** The order as of its latest event; one that was never placed when there is none. */
    public Uni<Order> load(UUID id) {
        return repository.load(id.toString());
    }

    /**
     * Locks the order for the rest of {@code tx} and loads it through {@code tx}, so that concurrent consumers of
     * its events apply them one after the other instead of failing on a version conflict, and an event earlier in
     * the same batch is seen; empty when there is no such order.
     */
    public Uni<Optional<Order>> lockAndLoad(SqlConnection tx, UUID id) {
        return views.lock(tx, id).flatMap(exists -> exists
                ? repository.load(tx, id.toString()).map(Optional::of)
                : Uni.createFrom().item(Optional.empty()));
    }

    /**
     * Locks these orders for the rest of {@code tx}, in one order for every transaction, before any of them is
     * loaded: for work on several orders in one transaction (a consumer's batch, a deadline sweep), which would
     * otherwise lock them one by one in whatever order its events or deadlines came.
     */
    public Uni<Void> lockAll(SqlConnection tx, Collection<UUID> ids) {
        return views.lockAll(tx, ids);
    }

    /** Saves the order's new events and its read model row on {@code tx}. */
    public Uni<Void> save(SqlConnection tx, Order order, Supplier<EventMetadata> metadata) {
        return repository.save(tx, order, metadata).call(() -> views.save(tx, order)).replaceWithVoid();
    }

    /** The order's events, oldest first: its history. */
    public Uni<List<RecordedEvent>> history(UUID id) {
        return events.read(pool, id.toString(), 0);
    }
}
