package io.shopflow.events.quarkus.deadletter;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Sends dead letters to their redrive topics through the channel {@code dead-letter-redrive}, exactly as they were
 * consumed (key, headers, value), and completes once Kafka has acknowledged each. The redrive topic is read by the
 * failed consumer's own channel alone, so the event goes through the same {@code IdempotentConsumer} and handlers,
 * and no other consumer group sees it again.
 */
@ApplicationScoped
public class RedriveSender {

    private final MutinyEmitter<byte[]> emitter;

    public RedriveSender(@Channel("dead-letter-redrive") MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    Uni<Void> send(List<DeadLetter> letters) {
        if (letters.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(letters.stream().map(this::send).toList()).andFailFast().replaceWithVoid();
    }

    private Uni<Void> send(DeadLetter letter) {
        var metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(letter.redriveTopic())
                .withKey(letter.aggregateId())
                .withHeaders(letter.kafkaHeaders())
                .build();
        return emitter.sendMessage(Message.of(letter.payload()).addMetadata(metadata));
    }
}
