package io.shopflow.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.shopflow.infra.testing.TokenKeysTestResource;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * The public API as one OpenAPI document, merged from the stand-ins' own documents of {@link Backends} by the
 * gateway's routes (Swagger UI shows it: {@link ManagementInterfaceTest}).
 */
@QuarkusTest
@WithTestResource(Backends.class)
@WithTestResource(TokenKeysTestResource.class)
class GatewayOpenApiTest {

    private static JsonObject document() {
        return new JsonObject(given().when().get("/openapi").then().statusCode(200)
                .contentType("application/json").extract().asString());
    }

    @Test
    void only_what_a_route_makes_public_is_in_it_with_what_each_operation_needs() {
        var paths = document().getJsonObject("paths");

        assertThat(paths.fieldNames()).contains("/api/v1/orders", "/api/v1/orders/{id}", "/api/v2/orders/{id}",
                "/api/v1/users", "/api/v1/users/{id}", "/api/v1/products", "/api/v1/orders/{id}/details",
                "/api/v1/orders/live", "/api/v1/platform/status", "/api/v1/admin/payment-provider/behaviour");
        assertThat(paths.fieldNames()).as("no route makes these public").doesNotContain("/internal/replay",
                "/admin/behaviour");

        var place = paths.getJsonObject("/api/v1/orders").getJsonObject("post");
        assertThat(place.getJsonArray("security").encode()).isEqualTo("[{\"bearer\":[]},{\"apiKey\":[]}]");
        assertThat(place.getString("description")).contains("Needs the permission `orders:write`.");
        var register = paths.getJsonObject("/api/v1/users").getJsonObject("post");
        assertThat(register.getJsonArray("security")).as("registering is open").isEmpty();
        var oneOrder = paths.getJsonObject("/api/v1/orders/{id}").getJsonObject("get");
        assertThat(oneOrder.getString("description")).contains("Only for the resource's owner or a caller with `admin:orders`.");
        assertThat(oneOrder.getBoolean("deprecated")).as("v2 succeeds it").isTrue();
        assertThat(paths.getJsonObject("/api/v2/orders/{id}").getJsonObject("get").getBoolean("deprecated")).isNull();
    }

    @Test
    void the_gateways_own_operations_say_what_they_need_like_the_forwarded_ones() {
        var paths = document().getJsonObject("paths");

        for (var own : new String[][] {{"/api/v1/orders/{id}/details", "get"}, {"/api/v1/orders/live", "get"},
                {"/api/v1/platform/status", "get"}, {"/api/v1/admin/payment-provider/behaviour", "get"},
                {"/api/v1/admin/payment-provider/behaviour", "put"}}) {
            var operation = paths.getJsonObject(own[0]).getJsonObject(own[1]);
            assertThat(operation.getJsonArray("security").encode()).as("%s %s", own[1], own[0])
                    .isEqualTo("[{\"bearer\":[]},{\"apiKey\":[]}]");
            assertThat(operation.getJsonObject("responses").fieldNames()).as("%s %s", own[1], own[0])
                    .contains("401", "403", "429", "503");
        }
        assertThat(paths.getJsonObject("/api/v1/platform/status").getJsonObject("get").getString("description"))
                .contains("Needs the permission `admin:platform`.");
    }

    @Test
    void the_gateways_refusals_are_problems_on_every_operation_and_those_it_checks_more() {
        var paths = document().getJsonObject("paths");
        var place = paths.getJsonObject("/api/v1/orders").getJsonObject("post").getJsonObject("responses");
        var products = paths.getJsonObject("/api/v1/products").getJsonObject("get").getJsonObject("responses");
        var oneOrder = paths.getJsonObject("/api/v1/orders/{id}").getJsonObject("get").getJsonObject("responses");

        assertThat(place.fieldNames()).contains("401", "403", "404", "409", "429", "503", "504");
        assertThat(place.getJsonObject("404").getString("description")).as("the order checks, as order-service says")
                .contains("`unknown-user`", "`unknown-product`");
        assertThat(place.getJsonObject("429").getJsonObject("headers").fieldNames()).containsExactly("Retry-After");
        assertThat(place.getJsonObject("409").getJsonObject("content").encode())
                .isEqualTo("{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}}");
        assertThat(products.fieldNames()).as("open, and for anyone").contains("401", "429").doesNotContain("403");
        assertThat(oneOrder.getJsonObject("404").getString("description")).as("owner=order asks order-service")
                .isEqualTo("No such order");
    }

    @Test
    void schemas_named_alike_but_defined_differently_are_told_apart_by_service() {
        var document = document();
        var schemas = document.getJsonObject("components").getJsonObject("schemas");

        // Services are merged in name order: inventory-service's Line keeps the name, order-service's is renamed.
        assertThat(schemas.getJsonObject("Line").getJsonObject("properties").fieldNames()).containsExactly("name");
        assertThat(schemas.getJsonObject("order-service.Line").getJsonObject("properties").fieldNames())
                .containsExactly("sku");
        assertThat(document.getJsonObject("paths").getJsonObject("/api/v1/orders").getJsonObject("post")
                .getJsonObject("requestBody").encode()).contains("#/components/schemas/order-service.Line");
        assertThat(document.getJsonObject("paths").getJsonObject("/api/v1/users").getJsonObject("post")
                .getJsonObject("requestBody").encode()).contains("#/components/schemas/Line\"");
        assertThat(schemas.fieldNames()).contains("Problem", "GatewayOrderDetails");
        assertThat(schemas.fieldNames()).as("only /internal/replay uses it").doesNotContain("Replay");
    }

    @Test
    void a_service_whose_document_cannot_be_read_is_named_and_the_rest_is_served() {
        // notification-service and the test's gone-service have no instance here.
        assertThat(document().getJsonObject("info").getString("description"))
                .startsWith("Incomplete").contains("notification-service");
    }
}
