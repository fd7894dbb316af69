package io.shopflow.notification;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.shopflow.events.testing.OperationsEndpoints;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsEndpointsTest {

    @Test
    void readiness_checks_the_real_database_kafka_broker_and_outbox() {
        OperationsEndpoints.assertReadyWithDatabaseKafkaAndOutbox();
    }

    @Test
    void metrics_are_exposed_for_prometheus() {
        given().queryParam("userId", "nobody").when().get("/api/v1/notifications");
        OperationsEndpoints.assertMetricsInclude("http_server_requests_seconds_count", "jvm_memory_used_bytes");
    }

    @Test
    void openapi_describes_the_notification_api() {
        OperationsEndpoints.assertOpenApiDescribes("/api/v1/notifications");
    }
}
