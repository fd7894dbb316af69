package io.shopflow.events.quarkus;

import io.shopflow.events.DomainEvent;
import io.shopflow.events.EventEnvelope;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.util.Collections;
import java.util.LinkedHashMap;
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

    private final Map<Class<? extends DomainEvent>, Handler<?>> byType;

    private EventHandlers(Map<Class<? extends DomainEvent>, Handler<?>> byType) {
        this.byType = byType;
    }

    /** Acts on events of {@code type} with {@code handler}. */
    public static <E extends DomainEvent> EventHandlers on(Class<E> type, Handler<? super E> handler) {
        return new EventHandlers(Map.of()).and(type, handler);
    }

    /** Acts on these, and on events of {@code type} with {@code handler}. */
    public <E extends DomainEvent> EventHandlers and(Class<E> type, Handler<? super E> handler) {
        var more = new LinkedHashMap<>(byType);
        if (more.putIfAbsent(type, handler) != null) {
            throw new IllegalArgumentException(type.getSimpleName() + " has a handler already");
        }
        return new EventHandlers(Collections.unmodifiableMap(more));
    }

    /** Whether there is a handler for {@code event}; events are records, so their class is exactly a type here. */
    boolean handles(DomainEvent event) {
        return byType.containsKey(event.getClass());
    }

    Uni<Void> handle(SqlConnection tx, DomainEvent event, EventEnvelope envelope) {
        @SuppressWarnings("unchecked") // registered by and() for exactly this class
        var handler = (Handler<DomainEvent>) byType.get(event.getClass());
        return handler.handle(tx, event, envelope);
    }
}
