package io.shopflow.events.quarkus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads consumer groups' lag from the broker, as an operator's tool would: each partition's committed offset against
 * its end (Kafka's {@link Admin} client), and, where records wait, the timestamp of the first of them, read by a
 * consumer of its own that joins no group and commits nothing.
 *
 * <p>From the committed offsets rather than from the consumer's own {@code records-lag} metric: that one is measured
 * when the consumer fetches, so it stands still exactly when the consumer does (paused, stuck in a handler, or gone),
 * and it has no age. Kafka's clients give no age of the oldest unconsumed record at all, hence this class. It is the
 * measure kafka-lag-exporter and Burrow take from outside; here each service takes it for its own groups, with its own
 * connection settings, so nothing else needs deploying. Not thread-safe: one sampler uses it.
 */
final class ConsumerGroupLag implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> reader;
    private final Duration timeout;

    /**
     * @param connection the broker's address and how to sign in ({@link BrokerConnection})
     * @param timeout    for each question to the broker, and for reading the first waiting records
     */
    ConsumerGroupLag(Map<String, Object> connection, String clientId, Duration timeout) {
        this.timeout = timeout;
        var adminSettings = new HashMap<>(connection);
        adminSettings.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId + "-admin");
        this.admin = Admin.create(adminSettings);
        var readerSettings = new HashMap<>(connection);
        readerSettings.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-reader");
        readerSettings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A committed offset the topic's retention has passed: the first record still there is the oldest waiting.
        readerSettings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Only the first record of each partition is wanted: small fetches, and no long wait on an idle broker.
        readerSettings.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024);
        readerSettings.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) POLL.toMillis());
        this.reader = new KafkaConsumer<>(readerSettings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The lag of {@code group} on every partition of {@code topics}, as of {@code now}. */
    List<PartitionLag> of(String group, Collection<String> topics, Instant now)
            throws ExecutionException, InterruptedException, TimeoutException {
        var partitions = partitionsOf(topics);
        if (partitions.isEmpty()) {
            return List.of();
        }
        Map<TopicPartition, OffsetAndMetadata> committed =
                await(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        var starts = offsets(partitions, OffsetSpec.earliest());
        var ends = offsets(partitions, OffsetSpec.latest());

        // A partition the group has not committed on yet starts at the beginning (auto.offset.reset=earliest).
        var positions = new HashMap<TopicPartition, Long>();
        for (var partition : partitions) {
            var offset = committed.get(partition);
            positions.put(partition, Math.max(starts.get(partition), offset == null ? 0 : offset.offset()));
        }
        var waiting = new HashMap<TopicPartition, Long>();
        positions.forEach((partition, position) -> {
            if (ends.get(partition) > position) {
                waiting.put(partition, position);
            }
        });
        var oldest = firstTimestamps(waiting);

        var lags = new ArrayList<PartitionLag>();
        for (var partition : partitions) {
            long records = ends.get(partition) - positions.get(partition);
            Optional<Duration> behind = records == 0 ? Optional.of(Duration.ZERO)
                    : Optional.ofNullable(oldest.get(partition)).map(timestamp -> age(timestamp, now));
            lags.add(new PartitionLag(group, partition, records, behind));
        }
        return lags;
    }

    /** The partitions of those topics that exist: a topic is made by its first event, which may be still to come. */
    private Set<TopicPartition> partitionsOf(Collection<String> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        var partitions = new HashSet<TopicPartition>();
        for (var described : admin.describeTopics(topics).topicNameValues().values()) {
            try {
                var topic = await(described);
                topic.partitions().forEach(partition ->
                        partitions.add(new TopicPartition(topic.name(), partition.partition())));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
        }
        return partitions;
    }

    private static Duration age(long timestamp, Instant now) {
        var age = Duration.between(Instant.ofEpochMilli(timestamp), now);
        return age.isNegative() ? Duration.ZERO : age;
    }

    private Map<TopicPartition, Long> offsets(Set<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException, InterruptedException, TimeoutException {
        var asked = partitions.stream().collect(Collectors.toMap(partition -> partition, partition -> spec));
        var answers = await(admin.listOffsets(asked).all());
        var offsets = new HashMap<TopicPartition, Long>();
        answers.forEach((partition, answer) -> offsets.put(partition, answer.offset()));
        return offsets;
    }

    /** The timestamp of the record at each position, for those read within the timeout. */
    private Map<TopicPartition, Long> firstTimestamps(Map<TopicPartition, Long> positions) {
        var timestamps = new HashMap<TopicPartition, Long>();
        if (positions.isEmpty()) {
            return timestamps;
        }
        reader.assign(positions.keySet());
        positions.forEach(reader::seek);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (timestamps.size() < positions.size() && System.nanoTime() < deadline) {
                for (var record : reader.poll(POLL)) {
                    timestamps.putIfAbsent(new TopicPartition(record.topic(), record.partition()), record.timestamp());
                }
                // Done with those: the next fetches are for the partitions still unread.
                reader.pause(timestamps.keySet());
            }
        } finally {
            reader.assign(List.of());
        }
        return timestamps;
    }

    private <T> T await(KafkaFuture<T> answer) throws ExecutionException, InterruptedException, TimeoutException {
        return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        reader.close(timeout);
        admin.close(timeout);
    }
}
