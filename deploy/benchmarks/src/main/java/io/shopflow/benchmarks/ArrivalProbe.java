package io.shopflow.benchmarks;

import io.shopflow.events.CloudEventHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A consumer on the order topic, in a thread of its own, that notes for each event of one run how long after its
 * {@code ce_time} it was consumed. Writer and consumer share this JVM's clock, so the difference is exact.
 */
final class ArrivalProbe implements AutoCloseable {

    /** Short polls: a record waits at most this long in a fetch that already returned. */
    private static final Duration POLL = Duration.ofMillis(50);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String keyPrefix;
    private final long[] latencyNanos;
    private final Thread poller;
    private volatile int arrived;
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    /** Starts consuming from the end of the topic: only events sent after this returns are seen. */
    ArrivalProbe(String bootstrapServers, String keyPrefix, int expected) {
        this.keyPrefix = keyPrefix;
        this.latencyNanos = new long[expected];
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "benchmark-probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
        var partitions = consumer.partitionsFor(OrderEvents.TOPIC).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // seekToEnd is lazy: asking for the positions fixes them now, before the first event is sent.
        partitions.forEach(consumer::position);
        this.poller = new Thread(this::poll, "benchmark-arrival-probe");
        poller.start();
    }

    private void poll() {
        try {
            while (running && arrived < latencyNanos.length) {
                for (var record : consumer.poll(POLL)) {
                    note(record);
                }
            }
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    private void note(ConsumerRecord<String, byte[]> record) {
        var now = Instant.now();
        if (!record.key().startsWith(keyPrefix) || arrived == latencyNanos.length) {
            return;
        }
        var sent = Instant.parse(new String(record.headers().lastHeader(CloudEventHeaders.TIME).value(),
                StandardCharsets.UTF_8));
        latencyNanos[arrived] = sent.until(now, ChronoUnit.NANOS);
        arrived++;
    }

    /** The latencies of the first {@code count} events of the run, once that many have arrived. */
    long[] await(int count, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (arrived < count) {
            if (failure != null) {
                throw failure;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(arrived + " of " + count + " events arrived within " + timeout);
            }
            Thread.sleep(POLL.toMillis());
        }
        return Arrays.copyOf(latencyNanos, count);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.join();
        consumer.close();
    }
}
