package io.shopflow.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.shopflow.gateway.operations.EventContractsDocument;
import io.shopflow.infra.testing.TokenKeysTestResource;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * The platform's events as an AsyncAPI document, served next to the OpenAPI one ({@link GatewayOpenApiTest}) and
 * open like it. What is in it is event-contracts' to test (AsyncApiDocumentTest); here, that it is served whole.
 */
@QuarkusTest
@WithTestResource(Backends.class)
@WithTestResource(TokenKeysTestResource.class)
class GatewayAsyncApiTest {

    @Test
    void the_event_contracts_document_is_served_without_credentials() {
        var document = new JsonObject(given().when().get(EventContractsDocument.PATH).then().statusCode(200)
                .contentType("application/json").extract().asString());

        assertThat(document.getString("asyncapi")).startsWith("3.");
        assertThat(document.getJsonObject("channels").fieldNames())
                .containsExactlyInAnyOrder("user", "order", "inventory", "payment", "shipment", "personalDataRequests",
                        "personalDataAnswers");
        assertThat(document.getJsonObject("components").getJsonObject("messages").fieldNames())
                .contains("OrderPlaced.v3", "OrderPlaced.v1", "UserErased.v1");
    }
}
