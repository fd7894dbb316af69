package io.shopflow.events.quarkus;

import io.shopflow.events.DomainEvent;
import io.shopflow.events.EventCodec;
import io.shopflow.events.EventMetadata;
import io.shopflow.events.PlatformEvents;
import io.shopflow.eventstore.EventStore;
import io.shopflow.eventstore.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.List;
import java.util.UUID;

/**
 * The service-facing side of the backbone: {@link #publish} writes events to the outbox on the caller's
 * transaction, so they are published exactly when the state change commits. Also produces the codec, outbox
 * and store for services that need them directly (event-sourced aggregates).
 */
@ApplicationScoped
public class DomainEvents {

    private final EventCodec codec = new EventCodec(PlatformEvents.catalog());
    private final Outbox outbox = new Outbox();
    private final EventsConfig config;

    public DomainEvents(EventsConfig config) {
        this.config = config;
    }

    /**
     * Enqueues {@code events} on {@code tx} as the start of a new flow. Every call is its own flow until the
     * request's correlation id and trace context are carried in here (the observability issue).
     */
    public Uni<Void> publish(SqlConnection tx, DomainEvent... events) {
        String correlationId = UUID.randomUUID().toString();
        var envelopes = List.of(events).stream()
                .map(event -> codec.encode(event, EventMetadata.startOf(correlationId, null), config.source()))
                .toList();
        return outbox.enqueue(tx, envelopes);
    }

    @Produces
    EventCodec codec() {
        return codec;
    }

    @Produces
    EventStore eventStore() {
        return new EventStore(outbox);
    }
}
