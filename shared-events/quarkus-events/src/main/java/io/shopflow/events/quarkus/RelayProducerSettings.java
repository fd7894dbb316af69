package io.shopflow.events.quarkus;

import java.util.Map;

/**
 * What the outbox relay's Kafka producer is given besides the broker's address and its own defaults: the service's
 * connection security, as its consumers have it from {@code kafka.*} ({@link BrokerConnection}), then the relay's own
 * settings. Only how to reach and sign in to the broker is taken from {@code kafka.*}: other shared client settings
 * ({@code kafka.acks}, say) must not loosen the relay's acks=all and idempotence without anyone asking for it where
 * the relay is configured.
 */
final class RelayProducerSettings {

    private RelayProducerSettings() {
    }

    /**
     * @param shared the service's {@code kafka.*} settings, without the prefix (Quarkus' {@code default-kafka-broker})
     * @param relay  {@code shopflow.events.relay.producer.*}
     */
    static Map<String, Object> of(Map<String, Object> shared, Map<String, String> relay) {
        var settings = BrokerConnection.settings(shared);
        settings.putAll(relay);
        return settings;
    }
}
