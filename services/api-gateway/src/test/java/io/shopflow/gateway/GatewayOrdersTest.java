package io.shopflow.gateway;

import static io.shopflow.gateway.StandInData.ADA_ORDER;
import static io.shopflow.gateway.StandInData.ERASED_USERS_ORDER;
import static io.shopflow.gateway.StandInData.GRACE_ORDER;
import static io.shopflow.gateway.StandInData.NO_ORDER;
import static io.shopflow.gateway.StandInData.PLENTIFUL;
import static io.shopflow.gateway.StandInData.SCARCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.shopflow.infra.testing.TokenKeysTestResource;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the gateway asks the services itself, over gRPC, against the stand-ins of {@link Backends}: whose order one
 * is, whether an order may be placed (user, stock), and the composed order details, also with a backend down.
 */
@QuarkusTest
@WithTestResource(Backends.class)
@WithTestResource(TokenKeysTestResource.class)
class GatewayOrdersTest {

    private static final String PROBLEM = "application/problem+json";

    private static RequestSpecification ada() {
        return Tokens.as("ada", "orders:read", "orders:write");
    }

    private static int ordersReached() {
        return Backends.ORDERS_A.requests.get() + Backends.ORDERS_B.requests.get();
    }

    private static String placement(String userId, String sku, int quantity) {
        return new JsonObject().put("userId", userId)
                .put("lines", new JsonArray().add(new JsonObject().put("sku", sku).put("quantity", quantity)))
                .encode();
    }

    /**
     * Waits until a backend that was stopped answers the gateway again (its gRPC channel reconnects with a back-off),
     * so that the next test starts from every backend up; also shows the gateway recovers by itself.
     */
    static void awaitRecovered() {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> ada().when()
                .get("/api/v1/orders/" + ADA_ORDER + "/details").then().statusCode(200).body("partial", equalTo(false)));
    }

    @Test
    void one_order_is_for_its_owner_and_admins_only() {
        ada().when().get("/api/v1/orders/" + ADA_ORDER).then().statusCode(200)
                .body("uri", equalTo("/api/v1/orders/" + ADA_ORDER));

        ada().when().get("/api/v1/orders/" + GRACE_ORDER).then().statusCode(403).contentType(PROBLEM);
        Tokens.as("grace", "orders:read", "admin:orders").when().get("/api/v1/orders/" + ADA_ORDER).then()
                .statusCode(200);
        ada().when().get("/api/v1/orders/" + NO_ORDER).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void whose_order_it_is_cannot_be_checked_while_order_service_is_down() {
        Backends.ORDERS_A.stop();
        Backends.ORDERS_B.stop();
        try {
            ada().when().get("/api/v1/orders/" + ADA_ORDER).then().statusCode(503).contentType(PROBLEM)
                    .header("Retry-After", "5");
        } finally {
            Backends.ORDERS_A.restart();
            Backends.ORDERS_B.restart();
            awaitRecovered();
        }
    }

    @Test
    void details_compose_the_order_its_user_and_its_shipment() {
        ada().when().get("/api/v1/orders/" + ADA_ORDER + "/details").then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("order.id", equalTo(ADA_ORDER))
                .body("order.status", equalTo("CONFIRMED"))
                .body("order.lines[0].sku", equalTo(PLENTIFUL))
                .body("order.total.amount", equalTo(25.0f))
                .body("order.total.currency", equalTo("EUR"))
                .body("order.lines[0].unitPrice", equalTo(12.5f))
                .body("order.createdAt", equalTo("2026-11-18T11:06:40Z"))
                .body("user.name", equalTo("Ada Lovelace"))
                .body("user.erased", equalTo(false))
                .body("user.credit", nullValue())
                .body("shipment.carrier", equalTo("Stand-in Express"))
                .body("partial", equalTo(false))
                .body("unavailable", empty());

        // No shipment yet is an answer, not a gap.
        Tokens.as("grace", "orders:read").when().get("/api/v1/orders/" + GRACE_ORDER + "/details").then()
                .statusCode(200).body("shipment", nullValue()).body("partial", equalTo(false));
    }

    @Test
    void details_show_an_erased_user_as_erased_and_keep_the_order_whole() {
        Tokens.as("admin", "orders:read", "admin:orders").when()
                .get("/api/v1/orders/" + ERASED_USERS_ORDER + "/details").then().statusCode(200)
                .body("order.id", equalTo(ERASED_USERS_ORDER))
                .body("order.status", equalTo("CONFIRMED"))
                .body("order.total.amount", equalTo(25.0f))
                .body("user.id", equalTo("alan"))
                .body("user.erased", equalTo(true))
                .body("user", not(hasKey("name")))
                .body("user", not(hasKey("email")))
                .body("user", not(hasKey("address")))
                .body("partial", equalTo(false))
                .body("unavailable", empty());
    }

    @Test
    void details_are_marked_partial_while_a_backend_is_down() {
        Backends.SHIPPING.stop();
        try {
            ada().when().get("/api/v1/orders/" + ADA_ORDER + "/details").then().statusCode(200)
                    .body("order.id", equalTo(ADA_ORDER))
                    .body("user.name", equalTo("Ada Lovelace"))
                    .body("shipment", nullValue())
                    .body("partial", equalTo(true))
                    .body("unavailable", contains("shipment"));
        } finally {
            Backends.SHIPPING.restart();
            awaitRecovered();
        }
    }

    @Test
    void details_follow_the_same_rules_as_the_order() {
        ada().when().get("/api/v1/orders/" + GRACE_ORDER + "/details").then().statusCode(403);
        ada().when().get("/api/v1/orders/" + NO_ORDER + "/details").then().statusCode(404);
        Tokens.as("ada").when().get("/api/v1/orders/" + ADA_ORDER + "/details").then().statusCode(403)
                .body("detail", equalTo("This needs the permission 'orders:read'"));
    }

    @Test
    void an_order_that_passes_the_checks_is_forwarded_as_sent() {
        String body = placement("ada", PLENTIFUL, 3);
        int before = ordersReached();

        ada().contentType(ContentType.JSON).body(body).when().post("/api/v1/orders").then().statusCode(200)
                .body("method", equalTo("POST"))
                .body("bodySha256", equalTo(Backends.sha256(body.getBytes())));

        assertThat(ordersReached()).isEqualTo(before + 1);
    }

    @Test
    void an_order_that_fails_a_check_never_reaches_order_service() {
        int before = ordersReached();

        ada().contentType(ContentType.JSON).body(placement("grace", PLENTIFUL, 1)).when().post("/api/v1/orders")
                .then().statusCode(403).contentType(PROBLEM);
        Tokens.as("admin", "orders:write", "admin:orders").contentType(ContentType.JSON)
                .body(placement("nobody", PLENTIFUL, 1)).when().post("/api/v1/orders")
                .then().statusCode(404).contentType(PROBLEM)
                .body("type", equalTo("urn:shopflow:problem:unknown-user"))
                .body("detail", equalTo("No user with id nobody"));
        ada().contentType(ContentType.JSON).body(placement("ada", "../../etc", 1)).when().post("/api/v1/orders")
                .then().statusCode(404).contentType(PROBLEM)
                .body("type", equalTo("urn:shopflow:problem:unknown-product"))
                .body("detail", equalTo("Not in the catalogue: ../../etc"));
        ada().contentType(ContentType.JSON).body(placement("ada", SCARCE, 5)).when().post("/api/v1/orders")
                .then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("urn:shopflow:problem:insufficient-stock"))
                .body("detail", equalTo("Not enough stock: sku-scarce (5 requested, 1 available)"));

        assertThat(ordersReached()).as("nothing was placed").isEqualTo(before);
    }

    @Test
    void a_body_that_is_no_order_is_left_to_order_service_to_explain() {
        int before = ordersReached();

        var fractional = placement("ada", PLENTIFUL, 1).replace("\"quantity\":1", "\"quantity\":1.9");
        var loneSurrogate = "{\"userId\":\"ada\",\"lines\":[{\"sku\":\"sku-\\ud800\",\"quantity\":1}]}";
        var bodies = List.of("not json", "{\"userId\":\"ada\"}", placement("ada", PLENTIFUL, 0), fractional,
                loneSurrogate);
        for (String body : bodies) {
            ada().contentType(ContentType.JSON).body(body).when().post("/api/v1/orders").then().statusCode(200)
                    .body("bodySha256", equalTo(Backends.sha256(body.getBytes())));
        }
        assertThat(ordersReached()).isEqualTo(before + bodies.size());
    }

    @Test
    void an_order_that_cannot_be_checked_is_accepted_unchecked_as_configured() {
        Backends.USERS.stop();
        try {
            int before = ordersReached();
            ada().contentType(ContentType.JSON).body(placement("ada", SCARCE, 5)).when().post("/api/v1/orders")
                    .then().statusCode(200);
            assertThat(ordersReached()).as("the saga decides").isEqualTo(before + 1);
        } finally {
            Backends.USERS.restart();
            awaitRecovered();
        }
    }
}
