package io.shopflow.infra.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a Quarkus test at a real Kafka broker (KRaft, in this JVM), shared by all test classes of the JVM.
 *
 * <p>{@code kafka.bootstrap.servers} is what the SmallRye Kafka connector and the Kafka client extension read
 * by default, so no channel needs its own setting.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", JvmWideInfrastructure.kafkaBootstrapServers());
    }

    /** The broker outlives this test class: the next class using it should not pay for a new one. */
    @Override
    public void stop() {
    }
}
