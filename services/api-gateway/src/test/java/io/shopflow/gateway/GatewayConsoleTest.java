package io.shopflow.gateway;

import static io.restassured.RestAssured.given;
import static io.shopflow.gateway.StandInData.ADA_ORDER;
import static io.shopflow.gateway.StandInData.GRACE_ORDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.shopflow.grpc.order.v1.OrderStatus;
import io.shopflow.infra.testing.TokenKeysTestResource;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the web console reads through the gateway, against stand-in services: the live order stream (the most recent
 * orders, then each change; a user's own orders only), the platform status (health, traffic, breakers and outbox
 * of every service, read from their own endpoints), the payment provider's admin API published at its own path, and
 * the console's files (from the console module, services/console) and settings under a content security policy that
 * allows only its own files.
 */
@QuarkusTest
@WithTestResource(Backends.class)
@WithTestResource(TokenKeysTestResource.class)
class GatewayConsoleTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @TestHTTPResource("/")
    URI gateway;

    private EventStreamReader watch(String path, String token) throws Exception {
        return EventStreamReader.open(gateway.resolve(path), token);
    }

    @Test
    void the_order_stream_sends_the_most_recent_orders_then_each_change() throws Exception {
        try (var stream = watch("/api/v1/orders/live?recent=2", Tokens.mint("admin", "orders:read", "admin:orders"))) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.contentType()).startsWith("text/event-stream");
            var first = stream.next(PATIENCE);
            assertThat(first.name()).isEqualTo("order");
            assertThat(first.data().getString("id")).isEqualTo(ADA_ORDER);
            assertThat(first.data().getString("status")).isEqualTo("CONFIRMED");
            assertThat(first.data().getJsonObject("total").getNumber("amount").doubleValue()).isEqualTo(25.0);
            assertThat(first.data().getJsonObject("total").getString("currency")).isEqualTo("EUR");
            assertThat(stream.next(PATIENCE).data().getString("id")).isEqualTo(GRACE_ORDER);

            StandInData.Orders.announce(StandInData.order(ADA_ORDER, "ada").toBuilder()
                    .setStatus(OrderStatus.SHIPPED).build());
            var change = stream.next(PATIENCE).data();
            assertThat(change.getString("id")).isEqualTo(ADA_ORDER);
            assertThat(change.getString("status")).isEqualTo("SHIPPED");
        }
    }

    @Test
    void a_user_watches_their_own_orders_and_no_one_elses() throws Exception {
        Tokens.as("grace", "orders:read").when().get("/api/v1/orders/live").then().statusCode(403);
        Tokens.as("grace", "orders:read").when().get("/api/v1/orders/live?userId=ada").then().statusCode(403);
        try (var stream = watch("/api/v1/orders/live?userId=grace&recent=5", Tokens.mint("grace", "orders:read"))) {
            assertThat(stream.next(PATIENCE).data().getString("id")).isEqualTo(GRACE_ORDER);
            StandInData.Orders.announce(StandInData.order(ADA_ORDER, "ada"));
            StandInData.Orders.announce(StandInData.order(GRACE_ORDER, "grace").toBuilder()
                    .setStatus(OrderStatus.CANCELLED).setCancelReason("payment failed: card declined").build());
            var next = stream.next(PATIENCE).data();
            assertThat(next.getString("id")).as("ada's order is not grace's to see").isEqualTo(GRACE_ORDER);
            assertThat(next.getString("cancelReason")).isEqualTo("payment failed: card declined");
        }
    }

    @Test
    void how_many_recent_orders_must_be_a_number_from_0_to_200() {
        for (String recent : List.of("201", "-1", "many")) {
            Tokens.as("admin", "orders:read", "admin:orders").when().get("/api/v1/orders/live?recent=" + recent)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("detail", containsString("recent"));
        }
    }

    @Test
    void the_platform_status_reports_every_service_from_its_own_health_and_metrics() throws Exception {
        try (var stream = watch("/api/v1/platform/status", Tokens.mint("ops", "admin:platform"))) {
            var first = services(stream.next(PATIENCE).data());
            assertThat(first.stream().map(service -> service.getString("name"))).containsExactly("api-gateway",
                    "user-service", "order-service", "inventory-service", "payment-service", "payment-provider",
                    "shipping-service", "notification-service");
            var orders = named(first, "order-service");
            assertThat(orders.getString("health")).isEqualTo("UP");
            assertThat(orders.getInteger("instances")).isEqualTo(2);
            assertThat(orders.getValue("requestsPerSecond")).as("no rate before a second look").isNull();
            assertThat(orders.getJsonObject("outbox").getInteger("events")).as("3 on each of 2 instances").isEqualTo(6);
            assertThat(orders.getJsonArray("breakers").getJsonObject(0).getMap())
                    .containsEntry("name", "ThingClient.call").containsEntry("state", "open");
            assertThat(named(first, "notification-service").getString("health")).isEqualTo("UNREACHABLE");
            assertThat(named(first, "api-gateway").getString("health")).isEqualTo("UP");

            var second = named(services(stream.next(PATIENCE).data()), "order-service");
            assertThat(second.getDouble("requestsPerSecond")).isPositive();
            assertThat(second.getDouble("errorRate")).as("1 503 in 10 HTTP requests and 10 gRPC calls")
                    .isEqualTo(0.05);
        }
    }

    @Test
    void the_platform_status_is_for_admins() {
        Tokens.as("ada", "orders:read").when().get("/api/v1/platform/status").then().statusCode(403);
        given().when().get("/api/v1/platform/status").then().statusCode(401);
    }

    @Test
    void the_payment_provider_admin_api_is_published_for_admins_and_reached_at_the_providers_own_path() {
        String behaviour = "{\"latencyMs\":20,\"failureRate\":0,\"declineRate\":1}";
        Tokens.as("ops", "admin:platform").contentType(ContentType.JSON).body(behaviour)
                .when().put("/api/v1/admin/payment-provider/behaviour?probe=1")
                .then().statusCode(200).body("uri", equalTo("/admin/behaviour?probe=1"));
        Tokens.as("ada", "orders:read", "orders:write").contentType(ContentType.JSON).body(behaviour)
                .when().put("/api/v1/admin/payment-provider/behaviour").then().statusCode(403);
    }

    @Test
    void the_console_learns_its_settings_under_a_policy_that_allows_only_its_own_files() {
        given().when().get("/console/settings").then().statusCode(200)
                .body("jaegerUrl", nullValue()).body("devTokens", equalTo(true))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")));
    }

    @Test
    void the_console_files_come_from_the_console_module_under_the_same_policy() {
        given().when().get("/console/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<script type=\"module\" src=\"js/main.js\"></script>"))
                .header("Content-Security-Policy", containsString("script-src 'self'"));
        given().when().get("/console/js/main.js").then().statusCode(200)
                .contentType(containsString("javascript"));
    }

    private static List<JsonObject> services(JsonObject status) {
        return status.getJsonArray("services").stream().map(JsonObject.class::cast).toList();
    }

    private static JsonObject named(List<JsonObject> services, String name) {
        return services.stream().filter(service -> name.equals(service.getString("name"))).findFirst().orElseThrow();
    }
}
