package io.shopflow.order;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.shopflow.events.order.Money;
import io.shopflow.events.testing.KafkaEvents;
import io.shopflow.events.order.OrderLine;
import io.shopflow.events.order.OrderPlaced;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Placing orders over REST: what is accepted, what is published, and what is refused before anything is written. */
@QuarkusTest
class OrderPlacementTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    static Map<String, Object> order(String userId, Object... skuAndQuantity) {
        var lines = new ArrayList<Map<String, Object>>();
        for (int n = 0; n < skuAndQuantity.length; n += 2) {
            lines.add(Map.of("sku", skuAndQuantity[n], "quantity", skuAndQuantity[n + 1]));
        }
        return Map.of("userId", userId, "lines", lines);
    }

    static ValidatableResponse post(Object body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/orders").then();
    }

    /** Places an order for a new user and returns its id. */
    static String place(String userId) {
        return post(order(userId, "BOOK-1", 2, "PEN-3", 1)).statusCode(202).extract().path("id");
    }

    @Test
    void an_order_is_accepted_priced_by_the_catalogue_and_published() {
        String user = StandInUserService.registerUser();

        var answer = post(order(user, "BOOK-1", 2, "PEN-3", 1)).statusCode(202)
                .header("Location", containsString("/api/v1/orders/"))
                .body("status", equalTo("PENDING"))
                .body("total.amount", equalTo(28.2f))
                .body("total.currency", equalTo("EUR"))
                .extract();
        String id = answer.path("id");

        assertThat(answer.header("Location")).as("a relative link").isEqualTo("/api/v1/orders/" + id);
        try (var events = new KafkaEvents(bootstrapServers)) {
            var placed = events.read("shopflow.order", id, 1);
            assertThat(placed).hasSize(1);
            assertThat(events.decode(placed.get(0))).isEqualTo(new OrderPlaced(id, user,
                    List.of(new OrderLine("BOOK-1", 2, new BigDecimal("12.50")), new OrderLine("PEN-3", 1, new BigDecimal("3.20"))),
                    new Money(new BigDecimal("28.20"), "EUR")));
        }
        given().when().get("/api/v1/orders/" + id).then().statusCode(200)
                .body("id", equalTo(id))
                .body("userId", equalTo(user))
                .body("lines", hasSize(2))
                .body("history.event", equalTo(List.of("OrderPlaced")));
        // Version 2: amounts as exact decimal strings, a total per line; the vendor media type when asked for.
        given().accept("application/vnd.platform.v2+json").when().get("/api/v2/orders/" + id).then().statusCode(200)
                .contentType("application/vnd.platform.v2+json")
                .body("id", equalTo(id))
                .body("total.amount", equalTo("28.20"))
                .body("lines[0].unitPrice.amount", equalTo("12.50"))
                .body("lines[0].lineTotal.amount", equalTo("25.00"))
                .body("history.event", equalTo(List.of("OrderPlaced")));
        given().when().get("/api/v2/orders/" + UUID.randomUUID()).then().statusCode(404);
        given().queryParam("userId", user).when().get("/api/v1/orders").then().statusCode(200)
                .body("id", equalTo(List.of(id)));
    }

    static ValidatableResponse postWithKey(String idempotencyKey, Object body) {
        return given().contentType(ContentType.JSON).header("Idempotency-Key", idempotencyKey).body(body)
                .when().post("/api/v1/orders").then();
    }

    /** Places {@code body} with {@code idempotencyKey}, expecting it accepted; the order's id. */
    static String acceptedWithKey(String idempotencyKey, Object body) {
        return postWithKey(idempotencyKey, body).statusCode(202).extract().path("id");
    }

    @Test
    void a_retry_with_the_same_idempotency_key_gets_the_first_order_and_places_no_second() {
        String user = StandInUserService.registerUser();
        String key = UUID.randomUUID().toString();
        var body = order(user, "PEN-3", 3);

        String first = acceptedWithKey(key, body);
        String second = acceptedWithKey(key, body);

        assertThat(second).isEqualTo(first);
        given().queryParam("userId", user).when().get("/api/v1/orders").then().body("id", equalTo(List.of(first)));
        postWithKey(key, order(user, "PEN-3", 4)).statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:shopflow:problem:idempotency-key-reused"))
                .body("detail", containsString(first));
    }

    @Test
    void a_retry_gets_its_first_order_even_when_an_order_could_not_be_placed_now() {
        String user = StandInUserService.registerUser();
        String key = UUID.randomUUID().toString();
        var body = order(user, "BOOK-1", 1);
        String first = acceptedWithKey(key, body);

        // One call only: each fails three times against the catalogue's breaker, which other tests share.
        StandInInventoryService.DOWN.set(true);
        try {
            assertThat(acceptedWithKey(key, body)).isEqualTo(first);
        } finally {
            StandInInventoryService.DOWN.set(false);
        }
        given().queryParam("userId", user).when().get("/api/v1/orders").then().body("id", equalTo(List.of(first)));
    }

    @Test
    void concurrent_retries_with_one_key_place_one_order() throws Exception {
        String user = StandInUserService.registerUser();
        String key = UUID.randomUUID().toString();
        var body = order(user, "BOOK-1", 1);
        var pool = Executors.newFixedThreadPool(4);
        try {
            var answers = new ArrayList<Future<String>>();
            for (int n = 0; n < 4; n++) {
                answers.add(pool.submit(() -> acceptedWithKey(key, body)));
            }
            var ids = new HashSet<String>();
            for (var answer : answers) {
                ids.add(answer.get());
            }
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        given().queryParam("userId", user).when().get("/api/v1/orders").then().body("id", hasSize(1));
    }

    @Nested
    class BadInput {

        private final String user = StandInUserService.registerUser();

        @AfterEach
        void nothingWasWritten() {
            given().queryParam("userId", user).when().get("/api/v1/orders").then().statusCode(200).body("", hasSize(0));
        }

        private void refused(Object body, int status, String type) {
            post(body).statusCode(status).contentType("application/problem+json")
                    .body("type", equalTo("urn:shopflow:problem:" + type));
        }

        @Test
        void no_lines() {
            refused(Map.of("userId", user, "lines", List.of()), 400, "validation");
        }

        @Test
        void zero_and_negative_quantities() {
            refused(order(user, "BOOK-1", 0), 400, "validation");
            refused(order(user, "BOOK-1", -2), 400, "validation");
        }

        @Test
        void a_quantity_that_is_not_a_json_integer_is_refused_not_truncated() {
            for (Object quantity : List.of(1.9, 100.99, "2")) {
                post(order(user, "BOOK-1", quantity)).statusCode(400).contentType("application/problem+json")
                        .body("type", equalTo("urn:shopflow:problem:validation"))
                        .body("errors[0].field", equalTo("lines[0].quantity"))
                        .body("errors[0].message", equalTo("must be a whole number (a JSON integer)"));
            }
        }

        @Test
        void too_many_lines() {
            var skus = new ArrayList<Object>();
            for (int n = 0; n < 21; n++) {
                skus.add("SKU-" + n);
                skus.add(1);
            }
            post(order(user, skus.toArray())).statusCode(400).body("errors[0].field", equalTo("lines"));
        }

        @Test
        void the_same_sku_twice() {
            post(order(user, "BOOK-1", 1, "BOOK-1", 2)).statusCode(400).body("errors[0].field", equalTo("lines[1].sku"));
        }

        @Test
        void malformed_json_and_unknown_fields() {
            refused("{\"userId\": ", 400, "malformed-request");
            refused(Map.of("userId", user, "lines", List.of(Map.of("sku", "BOOK-1", "quantity", 1)), "discount", 50),
                    400, "validation");
            refused(Map.of("userId", user, "lines", List.of(Map.of("sku", "BOOK-1", "quantity", "many"))), 400,
                    "validation");
        }

        @Test
        void an_unknown_user() {
            refused(order(UUID.randomUUID().toString(), "BOOK-1", 1), 404, "unknown-user");
        }

        @Test
        void an_unknown_sku() {
            post(order(user, "BOOK-1", 1, "NOPE-9", 1)).statusCode(404)
                    .body("type", equalTo("urn:shopflow:problem:unknown-product"))
                    .body("detail", containsString("NOPE-9"));
        }

        @Test
        void while_the_catalogue_is_down_the_order_is_refused_with_503_and_retry_after() {
            StandInInventoryService.DOWN.set(true);
            int callsBefore = StandInInventoryService.CALLS.get();
            try {
                post(order(user, "BOOK-1", 1)).statusCode(503)
                        .header("Retry-After", "5")
                        .body("type", equalTo("urn:shopflow:problem:unavailable"))
                        .body("detail", startsWith("inventory-service is unavailable"));
            } finally {
                StandInInventoryService.DOWN.set(false);
            }
            assertThat(StandInInventoryService.CALLS.get() - callsBefore).as("the first call and two retries").isEqualTo(3);
        }
    }

    @Test
    void an_unknown_order_is_404_and_a_bad_limit_400() {
        given().when().get("/api/v1/orders/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        given().when().get("/api/v1/orders/not-an-id").then().statusCode(404);
        given().when().get("/api/v1/orders/1-1-1-1-1").then().statusCode(404)
                .body("detail", containsString("1-1-1-1-1"));
        given().queryParam("limit", 0).when().get("/api/v1/orders").then().statusCode(400);
    }
}
