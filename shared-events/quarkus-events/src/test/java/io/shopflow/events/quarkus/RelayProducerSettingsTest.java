package io.shopflow.events.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RelayProducerSettingsTest {

    @Test
    void the_relay_connects_and_signs_in_as_the_services_consumers_do_and_keeps_its_own_guarantees() {
        Map<String, Object> shared = Map.of("bootstrap.servers", "broker:9093", "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", "scram login", "ssl.truststore.location",
                "/etc/kafka/truststore.p12", "acks", "1", "enable.idempotence", "false", "group.id", "orders");

        var settings = RelayProducerSettings.of(shared, Map.of("compression.type", "lz4", "sasl.mechanism", "PLAIN"));

        assertThat(settings).containsOnly(Map.entry("security.protocol", "SASL_SSL"),
                Map.entry("sasl.mechanism", "PLAIN"), Map.entry("sasl.jaas.config", "scram login"),
                Map.entry("ssl.truststore.location", "/etc/kafka/truststore.p12"), Map.entry("compression.type", "lz4"));
    }

    @Test
    void the_relays_producer_settings_are_read_with_the_kafka_names_as_keys() {
        // Quarkus' own converter for "1s"-style durations, which plain SmallRye Config does not read.
        var config = new SmallRyeConfigBuilder().withMapping(EventsConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(Map.of("quarkus.application.name", "orders",
                        "shopflow.events.consumer.concurrency", "1", "shopflow.events.inbox.purge-every", "1h",
                        "shopflow.events.consumer.lag-every", "15s", "shopflow.events.consumer.name", "orders",
                        "shopflow.events.relay.producer.compression.type", "lz4",
                        "shopflow.events.relay.producer.\"linger.ms\"", "20"), "test", 100))
                .build().getConfigMapping(EventsConfig.class);

        assertThat(config.relay().producer()).containsOnly(Map.entry("compression.type", "lz4"),
                Map.entry("linger.ms", "20"));
    }
}
