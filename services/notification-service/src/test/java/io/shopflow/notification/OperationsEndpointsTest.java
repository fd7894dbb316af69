package io.shopflow.notification;

import static io.restassured.RestAssured.given;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.shopflow.events.testing.OperationsEndpoints;
import java.net.URL;
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
        given().queryParam("userId", "nobody").when().get("/api/v1/notifications");
        OperationsEndpoints.assertMetricsInclude(management, "http_server_requests_seconds_count", "jvm_memory_used_bytes");
    }

    @Test
    void openapi_describes_the_notification_api() {
        OperationsEndpoints.assertOpenApiDescribes(management, "/api/v1/notifications");
    }

    @Test
    void none_of_them_is_on_the_public_port() {
        OperationsEndpoints.assertNoneOnThePublicPort();
    }
}
