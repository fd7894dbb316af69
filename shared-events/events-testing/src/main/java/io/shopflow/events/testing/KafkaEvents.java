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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The other services of the saga, as the service under test meets them: their events written to the real broker
 * exactly as their relays write them, and the service's own events read back from it.
 */
public final class KafkaEvents implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

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

    public DomainEvent decode(EventEnvelope envelope) {
        return codec.decode(envelope);
    }

    @Override
    public void close() {
        producer.close();
    }
}
