package io.shopflow.events.testing;

import io.shopflow.events.CloudEventHeaders;
import io.shopflow.events.DomainEvent;
import io.shopflow.events.EventCodec;
import io.shopflow.events.EventEnvelope;
import io.shopflow.events.EventMetadata;
import io.shopflow.events.PlatformEvents;
import io.shopflow.eventstore.relay.OutboxRelay;
import io.shopflow.infra.testing.TopicReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The other services of the saga, as the service under test meets them: their events written to the real broker
 * exactly as their relays write them, and the service's own events read back from it.
 */
public final class KafkaEvents implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);

    private final String bootstrapServers;
    private final EventCodec codec = new EventCodec(PlatformEvents.catalog());
    private final KafkaProducer<String, byte[]> producer;

    public KafkaEvents(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Publishes {@code event} as the first event of the flow {@code correlationId}; returns its envelope. */
    public EventEnvelope publish(DomainEvent event, String correlationId) {
        return send(codec.encode(event, EventMetadata.startOf(correlationId, null), "//shopflow/test"));
    }

    /** Publishes the same envelope again, as a redelivery would. */
    public EventEnvelope send(EventEnvelope envelope) {
        try {
            producer.send(OutboxRelay.toRecord(envelope)).get();
            return envelope;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not publish " + envelope.ceType(), e.getCause());
        }
    }

    /** Records keyed {@code key} on {@code topic}, once at least {@code count} arrived. */
    public List<EventEnvelope> read(String topic, String key, int count) {
        return TopicReader.readUntil(bootstrapServers, topic, record -> key.equals(record.key()),
                        received -> received.size() >= count, PATIENCE).stream()
                .map(record -> CloudEventHeaders.read(record.headers(), record.value()))
                .toList();
    }

    /**
     * Every record keyed {@code key} on {@code topic} at the time of the call: read from the beginning up to
     * each partition's end offset, so that a test can assert that something was published only once.
     */
    public List<EventEnvelope> readAll(String topic, String key) {
        var config = Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(topic, PATIENCE).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions, PATIENCE);
            var found = new ArrayList<EventEnvelope>();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                consumer.poll(POLL).forEach(record -> {
                    if (key.equals(record.key())) {
                        found.add(CloudEventHeaders.read(record.headers(), record.value()));
                    }
                });
            }
            return found;
        }
    }

    public DomainEvent decode(EventEnvelope envelope) {
        return codec.decode(envelope);
    }

    @Override
    public void close() {
        producer.close();
    }
}
