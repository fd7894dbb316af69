package io.shopflow.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.shopflow.gateway.operations.PublicApiDocument;
import io.shopflow.infra.testing.TokenKeysTestResource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Health, metrics, the OpenAPI documents and Swagger UI are on the management interface only: the public port, and
 * so every route through it, does not reach them, however the path is spelled.
 */
@QuarkusTest
@WithTestResource(Backends.class)
@WithTestResource(TokenKeysTestResource.class)
class ManagementInterfaceTest {

    @TestHTTPResource("/")
    URL publicPort;

    @TestHTTPResource(value = "/", management = true)
    URL managementPort;

    @Test
    void operations_endpoints_are_not_on_the_public_port() {
        for (String path : new String[] {"/q/metrics", "/q/health", "/q/health/ready", "/q/openapi", "/q/swagger-ui/"}) {
            given().when().get(path).then().statusCode(404);
        }
    }

    @Test
    void a_path_that_climbs_out_of_a_route_does_not_reach_the_metrics() throws IOException {
        // Sent as written: HTTP clients remove dot segments themselves before sending, which would hide the defect.
        String answer = rawGet("/api/v1/products/../../../q/metrics");

        assertThat(answer).startsWith("HTTP/1.1 404").doesNotContain("http_server_requests");
    }

    @Test
    void the_management_port_serves_them() {
        management().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests"));
        management().when().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void swagger_ui_shows_the_public_document_from_the_management_port_with_a_content_security_policy_of_its_own() {
        management().when().get("/q/swagger-ui/").then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'self' 'unsafe-inline'"))
                .body(containsString("/openapi"));
        management().when().get(PublicApiDocument.PATH).then().statusCode(200)
                .body(containsString("/api/v1/orders"));
        given().when().get("/api/v1/products").then()
                .header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    }

    private RequestSpecification management() {
        return given().baseUri("http://" + managementPort.getHost()).port(managementPort.getPort());
    }

    private String rawGet(String path) throws IOException {
        try (var socket = new Socket(publicPort.getHost(), publicPort.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
