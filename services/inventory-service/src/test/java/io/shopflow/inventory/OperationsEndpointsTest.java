package io.shopflow.inventory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import grpc.health.v1.HealthGrpc.HealthBlockingStub;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsEndpointsTest {

    @GrpcClient("inventory")
    HealthBlockingStub grpcHealth;

    @Test
    void readiness_checks_the_real_database_and_kafka_broker() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check", "Kafka connection health check"));
    }

    @Test
    void metrics_are_exposed_for_prometheus() {
        given().when().get("/api/v1/products/BOOK-DDD");
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count"))
                .body(containsString("shopflow_outbox_backlog"));
    }

    @Test
    void openapi_describes_the_inventory_api() {
        given().when().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body(containsString("/api/v1/products/{sku}/stock"))
                .body(containsString("/api/v1/reservations/{orderId}"));
    }

    @Test
    void grpc_health_reports_serving() {
        var response = grpcHealth.check(HealthCheckRequest.newBuilder().setService("").build());
        assertThat(response.getStatus()).isEqualTo(ServingStatus.SERVING);
    }
}
