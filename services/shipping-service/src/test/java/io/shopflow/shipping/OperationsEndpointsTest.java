package io.shopflow.shipping;

import static io.restassured.RestAssured.given;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.shopflow.events.testing.OperationsEndpoints;
import java.net.URL;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsEndpointsTest {

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void readiness_checks_the_real_database_kafka_broker_and_outbox() {
        OperationsEndpoints.assertReadyWithDatabaseKafkaAndOutbox(management);
    }

    @Test
    void metrics_are_exposed_for_prometheus() {
        given().when().get("/api/v1/shipments/" + UUID.randomUUID());
        OperationsEndpoints.assertMetricsInclude(management, "http_server_requests_seconds_count", "jvm_memory_used_bytes",
                "shopflow_outbox_backlog");
    }

    @Test
    void openapi_describes_the_shipment_api() {
        OperationsEndpoints.assertOpenApiDescribes(management, "/api/v1/shipments/{id}");
    }

    @Test
    void none_of_them_is_on_the_public_port() {
        OperationsEndpoints.assertNoneOnThePublicPort();
    }
}
