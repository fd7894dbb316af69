package io.shopflow.user;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import grpc.health.v1.HealthGrpc.HealthBlockingStub;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.quarkus.grpc.GrpcClient;
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

    @GrpcClient("users")
    HealthBlockingStub grpcHealth;

    @Test
    void readiness_checks_the_real_database_kafka_broker_and_outbox() {
        OperationsEndpoints.assertReadyWithDatabaseKafkaAndOutbox(management);
    }

    @Test
    void metrics_are_exposed_for_prometheus() {
        given().when().get("/api/v1/users/" + UUID.randomUUID());
        OperationsEndpoints.assertMetricsInclude(management, "http_server_requests_seconds_count", "jvm_memory_used_bytes",
                "shopflow_outbox_backlog", "shopflow_outbox_oldest_age_seconds");
    }

    @Test
    void openapi_describes_the_user_api() {
        OperationsEndpoints.assertOpenApiDescribes(management, "/api/v1/users/{id}/credit");
    }

    @Test
    void grpc_health_reports_serving() {
        var response = grpcHealth.check(HealthCheckRequest.newBuilder().setService("").build());
        assertThat(response.getStatus()).isEqualTo(ServingStatus.SERVING);
    }

    @Test
    void none_of_them_is_on_the_public_port() {
        OperationsEndpoints.assertNoneOnThePublicPort();
    }
}
