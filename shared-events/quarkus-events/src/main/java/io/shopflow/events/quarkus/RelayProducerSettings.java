package io.shopflow.events.quarkus;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * What the outbox relay's Kafka producer is given besides the broker's address and its own defaults: the service's
 * connection security, as its consumers have it from {@code kafka.*}, then the relay's own settings. Only how to reach and
 * sign in to the broker is taken from {@code kafka.*}: other shared client settings ({@code kafka.acks}, say) must
 * not loosen the relay's acks=all and idempotence without anyone asking for it where the relay is configured.
 */
final class RelayProducerSettings {

    /** The shared settings that say how to connect and sign in. */
    private static final List<String> CONNECTION = List.of(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
            CommonClientConfigs.CLIENT_DNS_LOOKUP_CONFIG);
    private static final List<String> CONNECTION_PREFIXES = List.of("ssl.", "sasl.");

    private RelayProducerSettings() {
    }

    /**
     * @param shared the service's {@code kafka.*} settings, without the prefix (Quarkus' {@code default-kafka-broker})
     * @param relay  {@code shopflow.events.relay.producer.*}
     */
    static Map<String, Object> of(Map<String, Object> shared, Map<String, String> relay) {
        var settings = new HashMap<String, Object>();
        shared.forEach((key, value) -> {
            if (CONNECTION.contains(key) || CONNECTION_PREFIXES.stream().anyMatch(key::startsWith)) {
                settings.put(key, value);
            }
        });
        settings.putAll(relay);
        return settings;
    }
}
