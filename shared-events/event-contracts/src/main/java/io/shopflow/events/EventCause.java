package io.shopflow.events;

import java.util.Objects;

/**
 * What an event needs to know of the event that caused it: its id (the causation), its flow (the correlation) and
 * its trace. A service that acts on an event later, outside the consumer's transaction (a payment charged after
 * the event that asked for it was handled), keeps these three in its own table and publishes with them.
 *
 * @param traceparent may be null when the cause was not traced
 */
public record EventCause(String eventId, String correlationId, String traceparent) {

    public EventCause {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(correlationId, "correlationId");
    }

    public static EventCause of(EventEnvelope envelope) {
        return new EventCause(envelope.id().toString(), envelope.correlationId(), envelope.traceparent());
    }
}
