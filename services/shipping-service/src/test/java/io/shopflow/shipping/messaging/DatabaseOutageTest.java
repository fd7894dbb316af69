package io.shopflow.shipping.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.shopflow.events.order.OrderConfirmed;
import io.shopflow.events.testing.KafkaEvents;
import io.shopflow.infra.testing.DatabaseOutage;
import io.shopflow.shipping.ConfirmedOrders;
import io.shopflow.shipping.domain.Shipment;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The service as it runs, its consumer configured as every service's, with its database away for a long time. */
@QuarkusTest
class DatabaseOutageTest {

    /**
     * Longer than the 60 s after which SmallRye's throttled commit strategy, left at its default, calls a record not
     * yet acknowledged a fatal failure and closes the channel's consumer (it looks every auto.commit.interval.ms, 5 s).
     */
    private static final Duration LONGER_THAN_THE_CONNECTORS_LIMIT = Duration.ofSeconds(70);
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    Pool pool;

    @Inject
    MeterRegistry registry;

    private static OrderConfirmed confirmed(String orderId) {
        return ConfirmedOrders.confirmed(orderId, "u-1");
    }

    @Test
    void orders_confirmed_while_the_database_is_away_for_over_a_minute_are_shipped_and_so_is_the_next() {
        // Spread over the topic's partitions, so that every consumer of the channel (concurrency=2) has one waiting:
        // one consumer closed by the connector would hand its partitions to the other.
        var during = IntStream.range(0, 16).mapToObj(i -> UUID.randomUUID().toString()).toList();
        String after = UUID.randomUUID().toString();
        String database = pool.query("SELECT current_database()").execute().await().indefinitely()
                .iterator().next().getString(0);
        double givenUpBefore = givenUp();
        try (var events = new KafkaEvents(bootstrapServers)) {
            try (var outage = DatabaseOutage.begin(database)) {
                double waitsBefore = databaseWaits();
                during.forEach(orderId -> events.publish(confirmed(orderId), orderId));
                // Their batches wait for the database, unacknowledged, all this time.
                await("the confirmations waiting for the database")
                        .atMost(LONGER_THAN_THE_CONNECTORS_LIMIT.plus(PATIENCE)).pollInterval(Duration.ofSeconds(1))
                        .during(LONGER_THAN_THE_CONNECTORS_LIMIT).until(() -> databaseWaits() > waitsBefore);
            }
            events.publish(confirmed(after), after);

            for (String orderId : Stream.concat(during.stream(), Stream.of(after)).toList()) {
                var shipmentId = Shipment.idOf(orderId).toString();
                assertThat(events.read("shopflow.shipment", shipmentId, 1)).as("the shipment of " + orderId)
                        .hasSize(1);
            }
        }
        assertThat(givenUp()).as("events given up on").isEqualTo(givenUpBefore);
    }

    private double givenUp() {
        return registry.find("shopflow.events.consumer.failed").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private double databaseWaits() {
        return registry.counter("shopflow.events.consumer.database.waits").count();
    }
}
