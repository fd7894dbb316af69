package io.shopflow.events.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/**
 * The operations endpoints every service has, checked the same way in each service's tests (against the running
 * test application, through REST Assured's default base URI and port).
 */
public final class OperationsEndpoints {

    private OperationsEndpoints() {
    }

    /**
     * {@code /q/health/ready} is UP and includes the database, Kafka and outbox checks, so it would go DOWN with any
     * of them.
     */
    public static void assertReadyWithDatabaseKafkaAndOutbox() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check", "Kafka connection health check",
                        "Outbox backlog"));
    }

    /** {@code /q/metrics} (Prometheus format) names each of {@code meters}. */
    public static void assertMetricsInclude(String... meters) {
        var metrics = given().when().get("/q/metrics").then().statusCode(200);
        for (var meter : meters) {
            metrics.body(containsString(meter));
        }
    }

    /** The OpenAPI document names each of {@code paths}. */
    public static void assertOpenApiDescribes(String... paths) {
        var openapi = given().when().get("/q/openapi?format=json").then().statusCode(200);
        for (var path : paths) {
            openapi.body(containsString(path));
        }
    }
}
