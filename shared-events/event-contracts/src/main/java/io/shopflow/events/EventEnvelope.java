package io.shopflow.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A domain event as it is stored and sent: CloudEvents 1.0 attributes plus the JSON payload. On Kafka it
 * travels in binary mode (attributes as {@code ce_*} headers, see {@link CloudEventHeaders}); in the event
 * store and the outbox it is one row.
 *
 * @param type        the event name without version, e.g. {@code OrderPlaced}
 * @param typeVersion the version the payload was written in, which may be older than the current one
 * @param data        the payload, JSON
 */
public record EventEnvelope(
        UUID id,
        String source,
        String type,
        int typeVersion,
        String aggregateType,
        String aggregateId,
        Instant time,
        String correlationId,
        String causationId,
        String traceparent,
        String data) {

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(aggregateType, "aggregateType");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(causationId, "causationId");
        Objects.requireNonNull(data, "data");
        if (typeVersion < 1) {
            throw new IllegalArgumentException("typeVersion must be 1 or more, was " + typeVersion);
        }
    }

    /** The same event as seen from another span of its trace: a consumer's, which its own events continue. */
    public EventEnvelope withTraceparent(String newTraceparent) {
        return new EventEnvelope(id, source, type, typeVersion, aggregateType, aggregateId, time, correlationId,
                causationId, newTraceparent, data);
    }

    /** The CloudEvents {@code type} attribute: {@code OrderPlaced.v3}. */
    public String ceType() {
        return VersionedType.format(type, typeVersion);
    }
}
