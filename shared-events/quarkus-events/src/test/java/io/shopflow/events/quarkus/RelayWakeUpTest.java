package io.shopflow.events.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.shopflow.events.order.OrderCancelled;
import io.shopflow.infra.testing.TopicReader;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A service's commit sets its relay going (decision 0014): with the relay's backlog sample an hour apart, only the
 * wake-up from the commit can publish an event within the test's patience.
 */
@QuarkusTest
@TestProfile(RelayWakeUpTest.SampleHourly.class)
class RelayWakeUpTest {

    /** Far below the sample's hour, far above a wake-up's milliseconds on a loaded machine. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    public static class SampleHourly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("shopflow.events.relay.idle-wait", "1h");
        }
    }

    @Inject
    DomainEvents domainEvents;

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void an_event_committed_by_the_service_is_published_by_its_relay_without_waiting_for_a_sample() {
        String orderId = "order-" + UUID.randomUUID();

        pool.withTransaction(tx -> domainEvents.publish(tx, new OrderCancelled(orderId, "u-1", "wake-up test")))
                .await().indefinitely();

        var published = TopicReader.readUntil(bootstrapServers, "shopflow.order", record -> record.key().equals(orderId),
                found -> !found.isEmpty(), PATIENCE);
        assertThat(published).hasSize(1);
    }
}
