package io.shopflow.events.quarkus;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.shopflow.events.order.OrderCancelled;
import io.shopflow.eventstore.relay.OutboxRelay;
import io.shopflow.eventstore.relay.RelayProducer;
import io.shopflow.eventstore.relay.RelaySettings;
import io.shopflow.infra.testing.DatabaseOutage;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Readiness with real faults: events that do not go out (no relay runs here until the test starts one), and a
 * database that refuses connections. Each time the service reports not-ready with the reason, then recovers by
 * itself once the fault is gone.
 */
@QuarkusTest
@TestProfile(OutboxHealthTest.NoRelay.class)
class OutboxHealthTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    public static class NoRelay implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("shopflow.events.relay.enabled", "false",
                    "shopflow.events.health.outbox-max-age", "1s");
        }
    }

    @Inject
    DomainEvents domainEvents;

    @Inject
    Pool pool;

    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void events_left_unpublished_make_the_service_not_ready_until_a_relay_publishes_them() throws Exception {
        awaitReadiness("ready with an empty outbox", ready -> outboxCheck(ready).equals("UP"));

        pool.withTransaction(tx -> domainEvents.publish(tx,
                new OrderCancelled("order-" + UUID.randomUUID(), "u-1", "health test"))).await().indefinitely();

        var notReady = awaitReadiness("not ready once the event waited past the limit",
                ready -> outboxCheck(ready).equals("DOWN"));
        assertThat(notReady.getString("status")).isEqualTo("DOWN");
        assertThat(outboxData(notReady, "reason")).contains("oldest unpublished event has waited")
                .contains("relay is stopped or Kafka is away");
        assertThat(outboxData(notReady, "events")).isEqualTo("1");

        try (var relay = new OutboxRelay(dataSource, RelayProducer.create(bootstrapServers, Map.of()),
                new RelaySettings(100, Duration.ofMillis(200), 1), new SimpleMeterRegistry())) {
            relay.start();
            var recovered = awaitReadiness("ready again once the relay published the event",
                    ready -> outboxCheck(ready).equals("UP"));
            assertThat(outboxData(recovered, "events")).isEqualTo("0");
        }
    }

    @Test
    void a_database_that_refuses_connections_makes_the_service_not_ready_until_it_accepts_them_again()
            throws Exception {
        awaitReadiness("ready before the fault", ready -> ready.getString("status").equals("UP"));
        try (var outage = DatabaseOutage.begin(currentDatabase())) {
            var notReady = awaitReadiness("not ready while the database refuses connections",
                    ready -> outboxCheck(ready).equals("DOWN"));
            assertThat(outboxData(notReady, "reason")).startsWith("The outbox cannot be read");
            assertThat(notReady.getList("checks.findAll { it.status == 'DOWN' }.name", String.class))
                    .contains("Database connections health check");
        }
        awaitReadiness("ready again once the database accepts connections",
                ready -> ready.getString("status").equals("UP"));
    }

    private String currentDatabase() throws SQLException {
        try (var connection = dataSource.getConnection();
             var rows = connection.createStatement().executeQuery("SELECT current_database()")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static String outboxCheck(JsonPath readiness) {
        return readiness.getString("checks.find { it.name == 'Outbox backlog' }.status");
    }

    private static String outboxData(JsonPath readiness, String field) {
        return readiness.getString("checks.find { it.name == 'Outbox backlog' }.data." + field);
    }

    private static JsonPath awaitReadiness(String what, Predicate<JsonPath> condition) {
        return await("waiting until " + what).atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> given().when().get("/q/health/ready").then().extract().jsonPath(), condition);
    }
}
