package io.shopflow.infra.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * How tests check what really reached Kafka: read a topic from its beginning, as a consumer group of its own,
 * keeping the records a test cares about until they satisfy a condition. Tests share one broker and one topic
 * per aggregate type, so {@code keep} picks the test's own records (usually by key).
 */
public final class TopicReader {

    private static final Duration POLL = Duration.ofMillis(200);

    private TopicReader() {
    }

    /**
     * The kept records, in the order read, once {@code done} holds for them.
     *
     * @throws AssertionError when {@code done} still does not hold after {@code patience}
     */
    public static List<ConsumerRecord<String, byte[]>> readUntil(String bootstrapServers, String topic,
            Predicate<ConsumerRecord<String, byte[]>> keep, Predicate<List<ConsumerRecord<String, byte[]>>> done,
            Duration patience) {
        var config = Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "topic-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        var kept = new ArrayList<ConsumerRecord<String, byte[]>>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            var deadline = Instant.now().plus(patience);
            while (!done.test(kept)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("Still waiting after " + patience + " for records on " + topic
                            + "; kept so far: " + kept.size());
                }
                consumer.poll(POLL).forEach(record -> {
                    if (keep.test(record)) {
                        kept.add(record);
                    }
                });
            }
        }
        return kept;
    }
}
