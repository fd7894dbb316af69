package io.shopflow.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Optional;

/**
 * Turns domain events into envelopes and back. Reading runs the upcaster chain, so a consumer always gets
 * the current record whatever version was stored; a version newer than this code is refused, never guessed.
 */
public final class EventCodec {

    private final EventCatalog catalog;
    /**
     * Tolerant reader: a field this code does not know is ignored, so adding an optional field needs no new
     * version. Dates as ISO-8601 text, readable in any language. Decimals stay exact through the JSON trees the
     * upcasters work on: an amount of 12.50 must not come back as the double 12.5.
     */
    private final ObjectMapper json = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    public EventCodec(EventCatalog catalog) {
        this.catalog = catalog;
    }

    public EventEnvelope encode(DomainEvent event, EventMetadata metadata, String source) {
        var entry = catalog.of(event);
        try {
            return new EventEnvelope(metadata.eventId(), source, entry.name(), entry.currentVersion(),
                    entry.aggregateType(), event.aggregateId(), metadata.occurredAt(), metadata.correlationId(),
                    metadata.causationId(), metadata.traceparent(), json.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write " + entry.name() + " as JSON", e);
        }
    }

    /** The event in its current version. */
    public DomainEvent decode(EventEnvelope envelope) {
        return decode(envelope.type(), envelope.typeVersion(), envelope.data());
    }

    /** The catalogue's entry of the event named {@code name}, or empty for a name it does not know. */
    public Optional<EventCatalog.Entry> entry(String name) {
        return catalog.byName(name);
    }

    /** The event in its current version, from its name, stored version and JSON payload. */
    public DomainEvent decode(String name, int version, String data) {
        var entry = catalog.byName(name).orElseThrow(() -> new MalformedEventException(
                "Unknown event type " + VersionedType.format(name, version)));
        if (version > entry.currentVersion()) {
            throw new MalformedEventException(VersionedType.format(name, version) + " is newer than this service"
                    + " understands (v" + entry.currentVersion() + "); deploy a version that knows it");
        }
        if (version == entry.currentVersion()) {
            // Nearly every event is read in the version it was written in: bound straight from its text, without
            // the JSON tree the upcasters need (a second pass over every event). A payload that does not bind goes
            // the tree's way below, which says exactly what is wrong with it.
            try {
                DomainEvent event = json.readValue(data, entry.recordType());
                if (event != null) { // the payload "null"
                    return event;
                }
            } catch (JsonProcessingException | IllegalArgumentException unbound) {
                // described below
            }
        }
        ObjectNode payload = parse(name, version, data);
        for (int step = version; step < entry.currentVersion(); step++) {
            var upcaster = entry.upcasters().get(step);
            if (upcaster == null) {
                throw new MalformedEventException("No upcaster from " + VersionedType.format(name, step) + " to v"
                        + (step + 1));
            }
            payload = upcaster.upcast(payload);
        }
        try {
            return json.treeToValue(payload, entry.recordType());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedEventException("Payload of " + VersionedType.format(name, version)
                    + " does not fit " + entry.recordType().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private ObjectNode parse(String name, int version, String data) {
        try {
            if (json.readTree(data) instanceof ObjectNode object) {
                return object;
            }
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("Payload of " + VersionedType.format(name, version) + " is not JSON", e);
        }
        throw new MalformedEventException("Payload of " + VersionedType.format(name, version) + " is not a JSON object");
    }
}
