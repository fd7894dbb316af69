package io.shopflow.events.quarkus;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.shopflow.events.DomainEvent;
import io.shopflow.events.EventCause;
import io.shopflow.events.EventCodec;
import io.shopflow.events.EventEnvelope;
import io.shopflow.events.EventMetadata;
import io.shopflow.events.PlatformEvents;
import io.shopflow.eventstore.AggregateRepository;
import io.shopflow.eventstore.EventStore;
import io.shopflow.eventstore.EventTracing;
import io.shopflow.eventstore.Outbox;
import io.shopflow.observability.CorrelationId;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The service-facing side of the backbone: {@link #publish} writes events to the outbox on the caller's
 * transaction, so they are published exactly when the state change commits. Also produces the codec, outbox
 * and store for services that need them directly (event-sourced aggregates).
 */
@ApplicationScoped
public class DomainEvents {

    private final EventCodec codec = new EventCodec(PlatformEvents.catalog());
    private final Outbox outbox;
    private final EventsConfig config;

    public DomainEvents(EventsConfig config, Tracer tracer, EventBackboneLifecycle backbone) {
        this.config = config;
        this.outbox = new Outbox(tracer, backbone::outboxCommitted);
    }

    /**
     * Enqueues {@code events} on {@code tx} as the start of a new flow (see {@link #newFlow()}), continuing the
     * trace of the current span, e.g. the HTTP request's.
     */
    public Uni<Void> publish(SqlConnection tx, DomainEvent... events) {
        return enqueue(tx, newFlow(), events);
    }

    /**
     * Enqueues {@code events} on {@code tx} as consequences of {@code cause}, the event a consumer is handling:
     * same correlation id, causation id = the cause's id, and the trace of the consumer's span.
     */
    public Uni<Void> publishCausedBy(SqlConnection tx, EventEnvelope cause, DomainEvent... events) {
        return publishCausedBy(tx, EventCause.of(cause), events);
    }

    /**
     * As {@link #publishCausedBy(SqlConnection, EventEnvelope, DomainEvent...)}, for a cause handled earlier whose
     * {@link EventCause} the service kept (work finished after the consumer's transaction, e.g. by a retrier).
     */
    public Uni<Void> publishCausedBy(SqlConnection tx, EventCause cause, DomainEvent... events) {
        return enqueue(tx, () -> EventMetadata.causedBy(cause), events);
    }

    /**
     * Metadata for the events of a new flow, one correlation id for all of them: the current request's (the one the
     * gateway gave it), else a new one. For {@link AggregateRepository}.
     */
    public Supplier<EventMetadata> newFlow() {
        String correlationId = CorrelationId.current().orElseGet(() -> UUID.randomUUID().toString());
        String traceparent = EventTracing.traceparentOf(Span.current());
        return () -> EventMetadata.startOf(correlationId, traceparent);
    }

    /** Metadata for events caused by {@code cause}: for {@link AggregateRepository} in a consumer. */
    public Supplier<EventMetadata> causedBy(EventEnvelope cause) {
        var kept = EventCause.of(cause);
        return () -> EventMetadata.causedBy(kept);
    }

    private Uni<Void> enqueue(SqlConnection tx, Supplier<EventMetadata> metadata, DomainEvent... events) {
        var envelopes = List.of(events).stream()
                .map(event -> codec.encode(event, metadata.get(), config.source()))
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
