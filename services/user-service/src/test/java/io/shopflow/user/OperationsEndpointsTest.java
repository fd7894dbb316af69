package io.shopflow.user;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import grpc.health.v1.HealthGrpc.HealthBlockingStub;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsEndpointsTest {

    @GrpcClient("users")
    HealthBlockingStub grpcHealth;

    @Test
    void readiness_checks_the_real_database_and_kafka_broker() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check",
                        "Kafka connection health check"));
    }

    @Test
    void metrics_are_exposed_for_prometheus() {
        given().when().get("/api/v1/users/" + java.util.UUID.randomUUID());
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count"))
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("shopflow_outbox_backlog"))
                .body(containsString("shopflow_outbox_oldest_age_seconds"));
    }

    @Test
    void openapi_describes_the_user_api() {
        given().when().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body(containsString("/api/v1/users/{id}/credit"));
    }

    @Test
    void grpc_health_reports_serving() {
        var response = grpcHealth.check(HealthCheckRequest.newBuilder().setService("").build());
        assertThat(response.getStatus()).isEqualTo(ServingStatus.SERVING);
    }
}
