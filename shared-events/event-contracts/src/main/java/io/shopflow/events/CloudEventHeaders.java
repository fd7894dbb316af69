package io.shopflow.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * CloudEvents 1.0 in Kafka <em>binary</em> mode: the attributes travel as {@code ce_*} headers and the record
 * value is the JSON payload alone, so consumers that know nothing of CloudEvents still read plain JSON.
 *
 * <p>Written by hand rather than with the CloudEvents SDK: the mapping is the spec's one-to-one header table,
 * and the SDK would still need our own code for what matters here: the trace context goes in the plain W3C
 * {@code traceparent} header (the one OpenTelemetry's Kafka instrumentation reads), and the envelope must
 * round-trip into {@link EventEnvelope}. SmallRye Reactive Messaging reads these headers natively on the
 * consuming side.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    /** Extension attributes: lower-case letters only, as the spec requires. */
    public static final String CORRELATION_ID = "ce_correlationid";
    public static final String CAUSATION_ID = "ce_causationid";
    public static final String AGGREGATE_TYPE = "ce_aggregatetype";
    /** Binary mode carries {@code datacontenttype} in the transport's own content type header. */
    public static final String CONTENT_TYPE = "content-type";
    public static final String TRACEPARENT = "traceparent";

    static final String CLOUD_EVENTS_VERSION = "1.0";
    static final String JSON = "application/json";

    private CloudEventHeaders() {
    }

    /** Adds the envelope's attributes to {@code headers}; the payload is the record value. */
    public static void write(EventEnvelope envelope, Headers headers) {
        put(headers, SPEC_VERSION, CLOUD_EVENTS_VERSION);
        put(headers, ID, envelope.id().toString());
        put(headers, SOURCE, envelope.source());
        put(headers, TYPE, envelope.ceType());
        put(headers, SUBJECT, envelope.aggregateId());
        put(headers, TIME, envelope.time().toString());
        put(headers, CORRELATION_ID, envelope.correlationId());
        put(headers, CAUSATION_ID, envelope.causationId());
        put(headers, AGGREGATE_TYPE, envelope.aggregateType());
        put(headers, CONTENT_TYPE, JSON);
        if (envelope.traceparent() != null) {
            put(headers, TRACEPARENT, envelope.traceparent());
        }
    }

    /** Reads an envelope back from a record's headers and value; a bad envelope is a {@link MalformedEventException}. */
    public static EventEnvelope read(Headers headers, byte[] value) {
        String specVersion = required(headers, SPEC_VERSION);
        if (!CLOUD_EVENTS_VERSION.equals(specVersion)) {
            throw new MalformedEventException("Unsupported CloudEvents specversion " + specVersion);
        }
        if (value == null) {
            throw new MalformedEventException("The record has no payload");
        }
        var type = VersionedType.parse(required(headers, TYPE));
        try {
            return new EventEnvelope(id(required(headers, ID)), required(headers, SOURCE), type.name(),
                    type.version(), required(headers, AGGREGATE_TYPE), required(headers, SUBJECT),
                    Instant.parse(required(headers, TIME)), required(headers, CORRELATION_ID),
                    required(headers, CAUSATION_ID), optional(headers, TRACEPARENT),
                    new String(value, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new MalformedEventException("Bad CloudEvents attribute: " + e.getMessage(), e);
        }
    }

    /**
     * The record's {@code ce_type} alone, or null when it has none: what a consumer needs to tell an event it has no
     * handler for, without reading the rest.
     */
    public static String type(Headers headers) {
        return optional(headers, TYPE);
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static UUID id(String text) {
        return CanonicalUuid.parse(text).orElseThrow(() -> new MalformedEventException("Bad CloudEvents id '" + text
                + "': not a UUID written in full"));
    }

    private static String required(Headers headers, String name) {
        String value = optional(headers, name);
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("Missing CloudEvents header " + name);
        }
        return value;
    }

    private static String optional(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
