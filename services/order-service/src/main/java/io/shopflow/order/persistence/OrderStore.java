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
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

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

    /** How many orders there are: one stream each. */
    public Uni<Long> countOrders() {
        return events.countStreams(pool);
    }

    /** A page of order ids after {@code afterId} ("" for the first page), in the event store's order of streams. */
    public Uni<List<String>> orderIds(String afterId, int limit) {
        return events.streamIds(pool, afterId, limit);
    }

    /**
     * Locks these orders for the rest of {@code tx} (as the saga's consumers do, so neither waits for the other in a
     * cycle) and makes each one's read model row what its events alone say, snapshots aside.
     *
     * @return how many rows were written: missing or wrong before
     */
    public Uni<Integer> rebuildViews(SqlConnection tx, List<String> orderIds) {
        return lockAll(tx, orderIds.stream().map(UUID::fromString).toList())
                .onItem().transformToMulti(locked -> Multi.createFrom().iterable(orderIds))
                .onItem().transformToUniAndConcatenate(id -> events.read(tx, id, 0).flatMap(history -> history.isEmpty()
                        ? Uni.createFrom().item(false)
                        : views.rebuild(tx, repository.replay(id, history), history.get(0).envelope().time(),
                                history.get(history.size() - 1).envelope().time())))
                .collect().with(Collectors.reducing(0, written -> written ? 1 : 0, Integer::sum));
    }

    /** Deletes the read model rows of orders that have no events, on {@code tx}; how many. */
    public Uni<Integer> removeViewsWithoutEvents(SqlConnection tx) {
        return views.removeOrdersWithoutEvents(tx);
    }

    /** The order's events, oldest first: its history. */
    public Uni<List<RecordedEvent>> history(UUID id) {
        return events.read(pool, id.toString(), 0);
    }
}
