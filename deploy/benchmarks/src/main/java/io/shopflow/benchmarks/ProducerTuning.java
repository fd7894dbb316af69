package io.shopflow.benchmarks;

import io.shopflow.eventstore.relay.RelayProducer;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * What a measurement changes in the relay's producer settings ({@code RelayProducer}'s, through its overrides): the
 * compression and the linger compared. A null leaves the relay's own setting.
 */
record ProducerTuning(String compression, Long lingerMs) {

    static final ProducerTuning RELAY_DEFAULTS = new ProducerTuning(null, null);

    /** What a producer really runs with: the relay's settings with the overrides, else Kafka's defaults. */
    record Effective(String compression, long lingerMs) {
    }

    static ProducerTuning compression(String codec) {
        return new ProducerTuning(codec, null);
    }

    static ProducerTuning linger(long ms) {
        return new ProducerTuning(null, ms);
    }

    Map<String, Object> overrides() {
        var overrides = new HashMap<String, Object>();
        if (compression != null) {
            overrides.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        }
        if (lingerMs != null) {
            overrides.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        }
        return overrides;
    }

    /** What is overridden, to follow a setup's name: "" for the relay's own settings. */
    String label() {
        return (compression == null ? "" : ", " + compression) + (lingerMs == null ? "" : ", linger " + lingerMs + " ms");
    }

    Effective effective(String bootstrapServers) {
        var config = new ProducerConfig(RelayProducer.config(bootstrapServers, overrides()));
        return new Effective(config.getString(ProducerConfig.COMPRESSION_TYPE_CONFIG),
                config.getLong(ProducerConfig.LINGER_MS_CONFIG));
    }
}
