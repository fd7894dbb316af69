package io.shopflow.shipping.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.shopflow.callers.Caller;
import io.shopflow.events.EventEnvelope;
import io.shopflow.events.order.Money;
import io.shopflow.events.order.OrderConfirmed;
import io.shopflow.events.order.OrderLine;
import io.shopflow.events.order.OrderPlaced;
import io.shopflow.events.shipment.ShipmentScheduled;
import io.shopflow.events.testing.Inbox;
import io.shopflow.events.testing.KafkaEvents;
import io.shopflow.shipping.config.ShippingConfig;
import io.shopflow.shipping.ConfirmedOrders;
import io.shopflow.shipping.domain.Shipment;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ShipmentSchedulerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    Pool pool;

    @Inject
    ShippingConfig config;

    @Inject
    ShipmentScheduler scheduler;

    private static final String OWNER = "u-1";

    /** A request as the gateway forwards it for {@code caller}, an admin or not (io.shopflow.callers). */
    private static RequestSpecification as(String caller, boolean admin) {
        return given().header(Caller.ID_HEADER, caller).header(Caller.ADMIN_HEADER, Boolean.toString(admin));
    }

    private static RequestSpecification asOwner() {
        return as(OWNER, false);
    }

    private static OrderConfirmed confirmed(String orderId) {
        return ConfirmedOrders.confirmed(orderId, OWNER);
    }

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
            assertThat(event.shipmentId()).isEqualTo(shipmentId);
            assertThat(event.orderId()).isEqualTo(orderId);
            assertThat(event.userId()).isEqualTo("u-1");
            assertThat(event.carrier()).isEqualTo(scheduler.carrierFor(orderId)).isIn(config.carriers());
            assertThat(event.estimatedDelivery())
                    .isEqualTo(LocalDate.now(ZoneOffset.UTC).plusDays(config.deliveryDays()));
            assertThat(scheduled.causationId()).isEqualTo(first.id().toString());
            assertThat(scheduled.correlationId()).isEqualTo(first.correlationId());
            // Everything either confirmation could have written is handled and relayed before counting.
            await().atMost(PATIENCE).until(() -> Inbox.handled(pool, again));
            await().atMost(PATIENCE).until(this::outboxIsEmpty);
            assertThat(events.readAll("shopflow.shipment", shipmentId)).extracting(EventEnvelope::type)
                    .containsExactly("ShipmentScheduled");
        }
        asOwner().queryParam("orderId", orderId).when().get("/api/v1/shipments").then().statusCode(200)
                .body("", hasSize(1)).body("[0].id", equalTo(shipmentId)).body("[0].status", equalTo("SCHEDULED"))
                .body("[0].carrier", equalTo(scheduler.carrierFor(orderId)));
        asOwner().when().get("/api/v1/shipments/" + shipmentId).then().statusCode(200)
                .body("orderId", equalTo(orderId)).body("userId", equalTo(OWNER))
                .body("estimatedDelivery", equalTo(LocalDate.now(ZoneOffset.UTC).plusDays(config.deliveryDays())
                        .toString()));

        for (String path : List.of("/api/v1/shipments/" + shipmentId, "/api/v1/shipments?orderId=" + orderId)) {
            as("support", true).when().get(path).then().statusCode(200);
            as("u-2", false).when().get(path).then().statusCode(403).contentType("application/problem+json")
                    .body("type", equalTo("urn:shopflow:problem:forbidden"));
            given().when().get(path).then().statusCode(403); // no caller: not through the gateway
        }
    }

    @Test
    void order_events_other_than_the_confirmation_schedule_nothing_and_are_not_written_down() {
        String orderId = UUID.randomUUID().toString();
        try (var events = new KafkaEvents(bootstrapServers)) {
            var placed = events.publish(new OrderPlaced(orderId, "u-2",
                    List.of(new OrderLine("BOOK-1", 1, BigDecimal.TEN)), new Money(BigDecimal.TEN, "EUR")), orderId);
            // Another order's confirmation under the same key, so in the same partition after the placement: once
            // it is handled, the placement has been passed over.
            var later = events.publish(confirmed(UUID.randomUUID().toString()), orderId);
            await().atMost(PATIENCE).until(() -> Inbox.handled(pool, later));
            assertThat(Inbox.handled(pool, placed)).as("acknowledged without a transaction").isFalse();
        }
        asOwner().queryParam("orderId", orderId).when().get("/api/v1/shipments").then().statusCode(200)
                .body("", hasSize(0));
    }

    @Test
    void orders_are_spread_over_every_configured_carrier_and_keep_theirs() {
        var orderIds = IntStream.range(0, 200).mapToObj(i -> UUID.randomUUID().toString()).toList();

        assertThat(orderIds.stream().map(scheduler::carrierFor).distinct())
                .containsExactlyInAnyOrderElementsOf(config.carriers());
        assertThat(orderIds).allSatisfy(id -> assertThat(scheduler.carrierFor(id)).isEqualTo(scheduler.carrierFor(id)));
    }

    @Test
    void unknown_shipments_are_404_and_a_missing_order_400() {
        asOwner().when().get("/api/v1/shipments/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        asOwner().when().get("/api/v1/shipments/not-a-uuid").then().statusCode(404)
                .contentType("application/problem+json");
        asOwner().when().get("/api/v1/shipments/1-1-1-1-1").then().statusCode(404)
                .contentType("application/problem+json");
        asOwner().when().get("/api/v1/shipments").then().statusCode(400).contentType("application/problem+json");
        asOwner().queryParam("orderId", "nope").when().get("/api/v1/shipments").then().statusCode(200).body("", hasSize(0));
    }

    private boolean outboxIsEmpty() {
        return pool.query("SELECT count(*) FROM outbox").execute().await().indefinitely()
                .iterator().next().getLong(0) == 0;
    }
}
