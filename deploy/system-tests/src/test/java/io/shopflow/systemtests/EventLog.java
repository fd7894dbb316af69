package io.shopflow.systemtests;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The platform's topics as the chaos suite reads them: where each partition ends, so that what was written between
 * two moments can be counted, its dead letters and its events written more than once (a relay killed between
 * publishing a batch and recording it publishes it again; the consumers' inboxes absorb the copies).
 */
final class EventLog {

    private static final String DEAD_LETTERS = ".dlq.";
    private static final String EVENT_ID = "ce_id";
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration READ_PATIENCE = Duration.ofMinutes(1);

    /** Where each partition of the platform's topics ends, at one moment. */
    record Ends(Map<TopicPartition, Long> offsets) {

        long deadLetters() {
            return offsets.entrySet().stream().filter(end -> end.getKey().topic().contains(DEAD_LETTERS))
                    .mapToLong(Map.Entry::getValue).sum();
        }
    }

    private final String bootstrapServers;

    EventLog(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    Ends ends() throws ExecutionException, InterruptedException {
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            var partitions = admin.describeTopics(admin.listTopics().names().get()).allTopicNames().get().values()
                    .stream().flatMap(topic -> topic.partitions().stream()
                            .map(partition -> new TopicPartition(topic.name(), partition.partition())))
                    .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
            var offsets = new HashMap<TopicPartition, Long>();
            admin.listOffsets(partitions).all().get().forEach((partition, end) -> offsets.put(partition, end.offset()));
            return new Ends(offsets);
        }
    }

    /** Events (not dead letters) written between {@code from} and {@code to} with an id written before. */
    long eventsWrittenTwice(Ends from, Ends to) {
        var config = Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        var seen = new HashSet<String>();
        long twice = 0;
        try (var consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Set<TopicPartition> events = to.offsets().keySet().stream()
                    .filter(partition -> !partition.topic().contains(DEAD_LETTERS) && !partition.topic().startsWith("__"))
                    .filter(partition -> to.offsets().get(partition) > from.offsets().getOrDefault(partition, 0L))
                    .collect(Collectors.toSet());
            consumer.assign(events);
            events.forEach(partition -> consumer.seek(partition, from.offsets().getOrDefault(partition, 0L)));
            var remaining = new HashSet<>(events);
            long deadline = System.nanoTime() + READ_PATIENCE.toNanos();
            while (!remaining.isEmpty() && System.nanoTime() < deadline) {
                for (var record : consumer.poll(POLL)) {
                    var id = record.headers().lastHeader(EVENT_ID);
                    if (record.offset() < to.offsets().get(new TopicPartition(record.topic(), record.partition()))
                            && id != null && !seen.add(new String(id.value(), StandardCharsets.UTF_8))) {
                        twice++;
                    }
                }
                // By position, not by the last record: transaction markers take offsets too.
                remaining.removeIf(partition -> consumer.position(partition) >= to.offsets().get(partition));
            }
            if (!remaining.isEmpty()) {
                throw new AssertionError("Could not read " + remaining + " to their ends within " + READ_PATIENCE);
            }
        }
        return twice;
    }
}
