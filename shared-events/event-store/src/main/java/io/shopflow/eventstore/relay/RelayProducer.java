package io.shopflow.eventstore.relay;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The Kafka producer a relay needs: nothing it sends may be lost, duplicated by retries, or reordered. */
public final class RelayProducer {

    private RelayProducer() {
    }

    /**
     * Idempotent with {@code acks=all}: a retried send is written once and only after every in-sync replica has
     * it, and with idempotence up to five in-flight requests still keep each partition's order.
     *
     * @param overrides any further producer settings (linger, compression, security); they win over defaults
     */
    public static Producer<String, byte[]> create(String bootstrapServers, Map<String, Object> overrides) {
        return new KafkaProducer<>(config(bootstrapServers, overrides));
    }

    /** The settings {@link #create} uses, for callers that build the producer themselves. */
    public static Map<String, Object> config(String bootstrapServers, Map<String, Object> overrides) {
        var config = new HashMap<String, Object>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.putAll(overrides);
        return config;
    }
}
