package io.shopflow.events.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.restassured.specification.RequestSpecification;
import java.net.URL;

/**
 * The operations endpoints every service has on its management interface, checked the same way in each service's
 * tests (against the running test application: {@code management} is its management interface's URL, as
 * {@code @TestHTTPResource(value = "/", management = true)} gives it).
 */
public final class OperationsEndpoints {

    private OperationsEndpoints() {
    }

    /**
     * {@code /q/health/ready} is UP and includes the database, Kafka and outbox checks, so it would go DOWN with any
     * of them.
     */
    public static void assertReadyWithDatabaseKafkaAndOutbox(URL management) {
        on(management).when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check", "Kafka connection health check",
                        "Outbox backlog"));
    }

    /** {@code /q/metrics} (Prometheus format) names each of {@code meters}. */
    public static void assertMetricsInclude(URL management, String... meters) {
        var metrics = on(management).when().get("/q/metrics").then().statusCode(200);
        for (var meter : meters) {
            metrics.body(containsString(meter));
        }
    }

    /** The OpenAPI document names each of {@code paths}. */
    public static void assertOpenApiDescribes(URL management, String... paths) {
        var openapi = on(management).when().get("/q/openapi?format=json").then().statusCode(200);
        for (var path : paths) {
            openapi.body(containsString(path));
        }
    }

    /** None of them answers on the public port (REST Assured's default, the application's test port). */
    public static void assertNoneOnThePublicPort() {
        for (var path : new String[] {"/q/health", "/q/health/ready", "/q/metrics", "/q/openapi", "/q/swagger-ui/"}) {
            given().when().get(path).then().statusCode(404);
        }
    }

    private static RequestSpecification on(URL management) {
        return given().baseUri(management.getProtocol() + "://" + management.getHost()).port(management.getPort());
    }
}
