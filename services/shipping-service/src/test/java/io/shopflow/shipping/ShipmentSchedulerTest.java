package io.shopflow.shipping;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.shopflow.events.EventEnvelope;
import io.shopflow.events.order.Money;
import io.shopflow.events.order.OrderConfirmed;
import io.shopflow.events.order.OrderLine;
import io.shopflow.events.shipment.ShipmentScheduled;
import io.shopflow.events.testing.Inbox;
import io.shopflow.events.testing.KafkaEvents;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ShipmentSchedulerTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private static OrderConfirmed confirmed(String orderId) {
        return new OrderConfirmed(orderId, "u-1", List.of(new OrderLine("BOOK-1", 1, BigDecimal.TEN)),
                new Money(BigDecimal.TEN, "EUR"));
    }

    @Inject
    Pool pool;

    @Test
    void a_confirmed_order_gets_one_shipment_however_often_it_is_confirmed() {
        String orderId = UUID.randomUUID().toString();
        String shipmentId = Shipment.idOf(orderId).toString();
        try (var events = new KafkaEvents(bootstrapServers)) {
            var first = events.publish(confirmed(orderId), orderId);
            events.send(first);
            var again = events.publish(confirmed(orderId), orderId);

            var scheduled = events.read("shopflow.shipment", shipmentId, 1).get(0);

            var event = (ShipmentScheduled) events.decode(scheduled);
            assertThat(event.orderId()).isEqualTo(orderId);
            assertThat(event.carrier()).isIn("DHL", "UPS", "PostNL");
            assertThat(event.estimatedDelivery()).isEqualTo(LocalDate.now(ZoneOffset.UTC).plusDays(3));
            assertThat(scheduled.causationId()).isEqualTo(first.id().toString());
            await().atMost(Duration.ofSeconds(30)).until(() -> Inbox.handled(pool, again));
            assertThat(events.readAll("shopflow.shipment", shipmentId)).extracting(EventEnvelope::type)
                    .containsExactly("ShipmentScheduled");
        }
        given().queryParam("orderId", orderId).when().get("/api/v1/shipments").then().statusCode(200)
                .body("", hasSize(1)).body("[0].id", equalTo(shipmentId)).body("[0].status", equalTo("SCHEDULED"));
        given().when().get("/api/v1/shipments/" + shipmentId).then().statusCode(200).body("orderId", equalTo(orderId));
    }

    @Test
    void unknown_shipments_are_404_and_a_missing_order_400() {
        given().when().get("/api/v1/shipments/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        given().when().get("/api/v1/shipments").then().statusCode(400);
        given().queryParam("orderId", "nope").when().get("/api/v1/shipments").then().statusCode(200).body("", hasSize(0));
    }
}
