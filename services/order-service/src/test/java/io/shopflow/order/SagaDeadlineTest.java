package io.shopflow.order;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.shopflow.events.EventEnvelope;
import io.shopflow.events.testing.KafkaEvents;
import io.shopflow.events.inventory.StockLine;
import io.shopflow.events.inventory.StockReserved;
import io.shopflow.events.order.Money;
import io.shopflow.events.order.OrderCancelled;
import io.shopflow.events.payment.PaymentCompleted;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * An order whose saga stalls is cancelled by its deadline, kept in the database, not in a timer. The deadline is
 * reached by moving a hand clock past it once the other order has finished, not by racing Kafka round trips
 * against a short one.
 */
@QuarkusTest
@TestProfile(SagaDeadlineTest.HandDrivenDeadline.class)
class SagaDeadlineTest {

    private static final Duration DEADLINE = Duration.ofMinutes(5);

    public static class HandDrivenDeadline implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("shopflow.order.deadline.after", DEADLINE.toString(),
                    "shopflow.order.deadline.sweep-every", "1s");
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(HandClock.class);
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    HandClock clock;

    @Test
    void a_stalled_order_is_cancelled_in_its_own_flow_and_a_finished_one_is_not() {
        String user = StandInUserService.registerUser();
        String stalled = OrderPlacementTest.place(user);
        String finished = OrderPlacementTest.place(user);
        try (var events = new KafkaEvents(bootstrapServers)) {
            var flow = events.read("shopflow.order", finished, 1).get(0).correlationId();
            events.publish(new StockReserved(finished, user, List.of(new StockLine("BOOK-1", 2)),
                    new Money(new BigDecimal("28.20"), "EUR")), flow);
            events.publish(new PaymentCompleted("p-" + finished, finished, user,
                    new Money(new BigDecimal("28.20"), "EUR"), "ch_9"), flow);

            await().atMost(Duration.ofSeconds(30)).until(() -> "CONFIRMED".equals(statusOf(finished)));
            assertThat(statusOf(stalled)).isEqualTo("PENDING");

            clock.advance(DEADLINE.plusMinutes(1));

            await().atMost(Duration.ofSeconds(30)).until(() -> "CANCELLED".equals(statusOf(stalled)));

            var stalledEvents = events.read("shopflow.order", stalled, 2);
            assertThat(stalledEvents).extracting(EventEnvelope::type).containsExactly("OrderPlaced", "OrderCancelled");
            var cancellation = stalledEvents.get(1);
            assertThat(((OrderCancelled) events.decode(cancellation)).reason())
                    .isEqualTo("deadline passed: not completed within PT5M");
            assertThat(cancellation.correlationId()).isEqualTo(stalledEvents.get(0).correlationId());
            assertThat(cancellation.causationId()).isEqualTo(stalledEvents.get(0).id().toString());
        }
        // Past its deadline too, the confirmed order stays confirmed.
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(8)).until(() -> "CONFIRMED".equals(statusOf(finished)));
    }

    private static String statusOf(String orderId) {
        return given().when().get("/api/v1/orders/" + orderId).then().statusCode(200).extract().path("status");
    }
}
