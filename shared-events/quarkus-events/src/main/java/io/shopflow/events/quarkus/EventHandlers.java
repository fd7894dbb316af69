package io.shopflow.events.quarkus;

import io.shopflow.events.DomainEvent;
import io.shopflow.events.EventEnvelope;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a consumer does with each event type it acts on, on the transaction that also marks the event processed in
 * the inbox. The table names those types in one place, so {@link IdempotentConsumer} can acknowledge every other
 * event on the consumer's topics without a transaction. A handler fails (a failed Uni) to have its event retried,
 * and throws {@link UnprocessableEventException} for one that can never be processed.
 */
public final class EventHandlers {

    /** What is done with one event of type {@code E}. */
    @FunctionalInterface
    public interface Handler<E extends DomainEvent> {
        Uni<Void> handle(SqlConnection tx, E event, EventEnvelope envelope);
    }

    /**
     * Takes, first thing in a batch's transaction, the row locks its handlers are going to take. Handlers lock as
     * they go, event after event; two batches handled side by side (two partitions, two topics) that name the same
     * rows in a different order would deadlock, and PostgreSQL finds a deadlock only after {@code deadlock_timeout}
     * (a second by default), then rolls one batch back. Taken up front in one order for every batch, the locks make
     * the second batch wait for the first instead.
     */
    @FunctionalInterface
    public interface BatchLocks {
        /** Locks what handling {@code events} (the batch's new ones, in record order; never empty) will lock. */
        Uni<Void> take(SqlConnection tx, List<DomainEvent> events);
    }

    private static final BatchLocks NO_LOCKS = (tx, events) -> Uni.createFrom().voidItem();

    private final Map<Class<? extends DomainEvent>, Handler<?>> byType;
    private final BatchLocks locks;

    private EventHandlers(Map<Class<? extends DomainEvent>, Handler<?>> byType, BatchLocks locks) {
        this.byType = byType;
        this.locks = locks;
    }

    /** Acts on events of {@code type} with {@code handler}. */
    public static <E extends DomainEvent> EventHandlers on(Class<E> type, Handler<? super E> handler) {
        return new EventHandlers(Map.of(), NO_LOCKS).and(type, handler);
    }

    /** These handlers, with {@code locks} taken before any of them runs in a batch's transaction. */
    public EventHandlers lockingFirst(BatchLocks locks) {
        return new EventHandlers(byType, locks);
    }

    /** Acts on these, and on events of {@code type} with {@code handler}. */
    public <E extends DomainEvent> EventHandlers and(Class<E> type, Handler<? super E> handler) {
        var more = new LinkedHashMap<>(byType);
        if (more.putIfAbsent(type, handler) != null) {
            throw new IllegalArgumentException(type.getSimpleName() + " has a handler already");
        }
        return new EventHandlers(Collections.unmodifiableMap(more), locks);
    }

    /** Whether there is a handler for events of {@code type}; events are records, so a class is exactly a type here. */
    boolean handles(Class<? extends DomainEvent> type) {
        return byType.containsKey(type);
    }

    Uni<Void> takeLocks(SqlConnection tx, List<DomainEvent> events) {
        return events.isEmpty() ? Uni.createFrom().voidItem() : locks.take(tx, events);
    }

    Uni<Void> handle(SqlConnection tx, DomainEvent event, EventEnvelope envelope) {
        @SuppressWarnings("unchecked") // registered by and() for exactly this class
        var handler = (Handler<DomainEvent>) byType.get(event.getClass());
        return handler.handle(tx, event, envelope);
    }
}
