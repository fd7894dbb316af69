package io.shopflow.events.quarkus.deadletter;

import io.shopflow.events.CloudEventHeaders;
import io.shopflow.events.MalformedEventException;
import io.shopflow.events.VersionedType;
import io.shopflow.events.quarkus.DeadLetterTopics;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;

/**
 * A record read from one of this service's dead-letter topics, as the store keeps it. SmallRye's dead-letter
 * producer copies the consumed record (key, value, headers) and adds {@code dead-letter-*} headers saying why and
 * from where; those are read here and left out of the headers kept, so that a redrive sends the record as it was.
 */
record ArrivedDeadLetter(UUID id, String consumer, String topic, String redriveTopic, String eventType,
                         Integer eventVersion, String aggregateId, String error, Instant failedAt,
                         List<DeadLetter.Header> headers, byte[] payload, String position) {

    /** The prefix of the headers SmallRye's dead-letter producer adds. */
    static final String DEAD_LETTER_HEADERS = "dead-letter-";

    static ArrivedDeadLetter from(IncomingKafkaRecord<String, byte[]> record, String consumer) {
        var headers = record.getHeaders();
        String position = record.getTopic() + "-" + record.getPartition() + "@" + record.getOffset();
        var type = header(headers, CloudEventHeaders.TYPE).flatMap(ArrivedDeadLetter::parseType);
        return new ArrivedDeadLetter(id(headers, position), consumer,
                header(headers, "dead-letter-topic").orElse(record.getTopic()),
                DeadLetterTopics.redriveTopic(record.getTopic()),
                type.map(VersionedType::name).or(() -> header(headers, CloudEventHeaders.TYPE)).orElse(null),
                type.map(VersionedType::version).orElse(null),
                record.getKey() == null ? null : storable(record.getKey()), error(headers),
                record.getTimestamp(), kept(headers), record.getPayload(), position);
    }

    /** The event's own id, or for a record too broken to carry one an id derived from where it lies. */
    private static UUID id(Headers headers, String position) {
        try {
            return header(headers, CloudEventHeaders.ID).map(UUID::fromString)
                    .orElseGet(() -> UUID.nameUUIDFromBytes(position.getBytes(StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException notAUuid) {
            return UUID.nameUUIDFromBytes(position.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static Optional<VersionedType> parseType(String ceType) {
        try {
            return Optional.of(VersionedType.parse(ceType));
        } catch (MalformedEventException unversioned) {
            return Optional.empty();
        }
    }

    private static String error(Headers headers) {
        var reason = header(headers, "dead-letter-reason").orElse("no reason given");
        return header(headers, "dead-letter-exception-class-name")
                .map(exception -> exception.substring(exception.lastIndexOf('.') + 1) + ": " + reason)
                .orElse(reason);
    }

    private static List<DeadLetter.Header> kept(Headers headers) {
        var kept = new ArrayList<DeadLetter.Header>();
        headers.forEach(header -> {
            if (!header.key().startsWith(DEAD_LETTER_HEADERS) && header.value() != null) {
                kept.add(new DeadLetter.Header(header.key(), text(header.value())));
            }
        });
        return kept;
    }

    private static Optional<String> header(Headers headers, String name) {
        var header = headers.lastHeader(name);
        return header == null || header.value() == null ? Optional.empty() : Optional.of(text(header.value()));
    }

    private static String text(byte[] value) {
        return storable(new String(value, StandardCharsets.UTF_8));
    }

    /** Text PostgreSQL can store: a NUL would fail the insert, and the intake would retry it forever. */
    private static String storable(String text) {
        return text.replace('\0', '\uFFFD');
    }
}
