package io.shopflow.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Who and what an event came from. The correlation id is shared by every event of one business flow (one
 * order); the causation id is the id of the event or request that directly caused this one; traceparent is
 * the W3C trace context of the transaction that wrote it, so the consumer's spans join the producer's trace.
 *
 * @param traceparent may be null when no trace was active
 */
public record EventMetadata(UUID eventId, Instant occurredAt, String correlationId, String causationId,
                            String traceparent) {

    public EventMetadata {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(causationId, "causationId");
    }

    /** The first event of a flow, caused by a request that carried this correlation id. */
    public static EventMetadata startOf(String correlationId, String traceparent) {
        return new EventMetadata(UUID.randomUUID(), Instant.now(), correlationId, correlationId, traceparent);
    }

    /** An event caused by {@code cause}: same flow, new id, and the cause's trace. */
    public static EventMetadata causedBy(EventCause cause) {
        return new EventMetadata(UUID.randomUUID(), Instant.now(), cause.correlationId(), cause.eventId(),
                cause.traceparent());
    }
}
