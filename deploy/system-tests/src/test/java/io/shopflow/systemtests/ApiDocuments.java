package io.shopflow.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The platform's OpenAPI documents as clients read them: the public API's, and each service's own. */
final class ApiDocuments {

    /** The services that publish a document of their own (the payment provider simulator has none). */
    static final List<String> SERVICES = List.of("api-gateway", "user-service", "order-service", "inventory-service",
            "payment-service", "shipping-service", "notification-service");

    private ApiDocuments() {
    }

    /** The whole public API, merged by the gateway ({@code GET /openapi}), with every service's part in it. */
    static JsonNode publicDocument(SystemUnderTest system) {
        var document = new JsonHttp().get(system.api("/openapi"));
        assertThat(document.path("info").path("description").asText()).as("the public document is complete")
                .doesNotStartWith("Incomplete");
        return document;
    }

    /** {@code service}'s own document, where Quarkus serves it: on its management interface. */
    static JsonNode serviceDocument(SystemUnderTest system, String service) {
        return new JsonHttp().get(system.management(service, "/q/openapi?format=json"));
    }
}
