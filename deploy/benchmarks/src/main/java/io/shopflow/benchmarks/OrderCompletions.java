package io.shopflow.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * When each order's saga ended, as the platform announces it: the first {@code OrderConfirmed} or
 * {@code OrderCancelled} event of the order on its topic, noted (on this JVM's clock) as it is read. A consumer of
 * its own reads from the topic's end onwards, without a group, so it joins nobody's and commits nothing.
 */
final class OrderCompletions implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final String TYPE = "ce_type";

    /** Order id -> when its saga ended ({@link System#nanoTime()}). */
    private final Map<String, Long> endedAt = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread reader;

    OrderCompletions(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringDeserializer(), new ByteArrayDeserializer());
        var partitions = consumer.partitionsFor(OrderEvents.TOPIC).stream()
                .map(partition -> new TopicPartition(partition.topic(), partition.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        reader = new Thread(this::read, "order-completions");
        reader.start();
    }

    private void read() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                for (var record : consumer.poll(POLL)) {
                    var type = record.headers().lastHeader(TYPE);
                    String name = type == null ? "" : new String(type.value(), StandardCharsets.UTF_8);
                    if (name.startsWith("OrderConfirmed.") || name.startsWith("OrderCancelled.")) {
                        endedAt.putIfAbsent(record.key(), System.nanoTime());
                    }
                }
            }
        } catch (WakeupException closing) {
            // close() asked the consumer to stop.
        }
    }

    /** When the order's saga ended, or null while it has not. */
    Long endedAt(String orderId) {
        return endedAt.get(orderId);
    }

    /** Waits until every one of the orders has ended; false if some have not within {@code patience}. */
    boolean awaitEnded(Collection<String> orderIds, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (orderIds.stream().allMatch(endedAt::containsKey)) {
                return true;
            }
            Thread.sleep(POLL.toMillis());
        }
        return false;
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        reader.join();
        consumer.close();
    }
}
