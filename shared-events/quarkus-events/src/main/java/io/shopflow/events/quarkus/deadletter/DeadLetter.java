package io.shopflow.events.quarkus.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * An event a consumer of this service gave up on, as its dead-letter topic had it, and what an operator has done
 * with it since.
 *
 * @param topic        where it was consumed from; a redrive never goes there (every consumer group would apply it)
 * @param redriveTopic where a redrive goes: read by the failed consumer's channel alone
 * @param eventType    the event's name ({@code OrderPlaced}), null if the record did not say
 * @param attempts     times it was dead-lettered: 1, plus one per redrive that failed again
 * @param handled      whether the consumer's inbox has it: it took effect (through a redrive, or was handled before)
 * @param headers      the record's headers as consumed, without those the dead-letter topic added
 */
public record DeadLetter(UUID id, String consumer, String topic, String redriveTopic, String eventType,
                         Integer eventVersion, String aggregateId, String error, int attempts, Instant firstFailedAt,
                         Instant failedAt, Status status, int redrives, Instant redrivenAt, Instant discardedAt,
                         String discardReason, boolean handled, List<Header> headers, byte[] payload) {

    /** Its headers as Kafka record headers again. */
    RecordHeaders kafkaHeaders() {
        var kafkaHeaders = new RecordHeaders();
        headers.forEach(header -> kafkaHeaders.add(header.name(), header.value().getBytes(StandardCharsets.UTF_8)));
        return kafkaHeaders;
    }

    public enum Status {
        /** Dead-lettered and not acted on since, or redriven and dead-lettered again. */
        WAITING,
        /** Sent to its consumer again; {@code handled} says whether it took effect. */
        REDRIVEN,
        /** Given up on by an operator, with a reason. */
        DISCARDED
    }

    /** A Kafka record header; CloudEvents and trace headers are UTF-8 text. */
    public record Header(String name, String value) {
    }
}
