package io.shopflow.events.quarkus;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * How the service reaches and signs in to the broker, taken from its shared {@code kafka.*} settings (Quarkus'
 * {@code default-kafka-broker}, without the prefix) for the Kafka clients the backbone makes itself (the relay's
 * producer, the lag sampler's admin client and consumer). Only these: other shared client settings
 * ({@code kafka.acks}, say) are meant for the channels, not for clients with settings of their own.
 */
final class BrokerConnection {

    /** The shared settings that say how to connect and sign in. */
    private static final List<String> CONNECTION = List.of(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
            CommonClientConfigs.CLIENT_DNS_LOOKUP_CONFIG);
    private static final List<String> CONNECTION_PREFIXES = List.of("ssl.", "sasl.");

    private BrokerConnection() {
    }

    static Map<String, Object> settings(Map<String, Object> shared) {
        var settings = new HashMap<String, Object>();
        shared.forEach((key, value) -> {
            if (CONNECTION.contains(key) || CONNECTION_PREFIXES.stream().anyMatch(key::startsWith)) {
                settings.put(key, value);
            }
        });
        return settings;
    }
}
