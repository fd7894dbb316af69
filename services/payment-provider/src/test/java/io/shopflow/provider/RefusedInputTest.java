package io.shopflow.provider;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Input is refused, never reinterpreted (quarkus-problems' StrictJson and UntypedBodies, which every service has):
 * the provider's two JSON bodies, one with a whole number and one with money and text.
 */
@QuarkusTest
class RefusedInputTest {

    private static final String PROBLEM = "application/problem+json";

    private static void refusedNaming(String body, String path, String field, String message) {
        given().contentType(ContentType.JSON).body(body).when().request(path.startsWith("/admin") ? "PUT" : "POST",
                path).then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:shopflow:problem:validation"))
                .body("errors[0].field", equalTo(field))
                .body("errors[0].message", equalTo(message));
    }

    @Test
    void a_whole_number_that_is_a_fraction_or_a_string_is_refused_not_truncated() {
        for (String latency : new String[] {"1.9", "100.99", "\"2\""}) {
            refusedNaming("{\"latencyMs\":" + latency + ",\"failureRate\":0,\"declineRate\":0}", "/admin/behaviour",
                    "latencyMs", "must be a whole number (a JSON integer)");
        }
        given().contentType(ContentType.JSON).body("{\"latencyMs\":0,\"failureRate\":0.0,\"declineRate\":0}")
                .when().put("/admin/behaviour").then().statusCode(200);
    }

    @Test
    void money_still_takes_json_numbers() {
        given().contentType(ContentType.JSON)
                .body("{\"reference\":\"strict-" + System.nanoTime() + "\",\"amount\":1200.50,\"currency\":\"EUR\"}")
                .when().post("/v1/charges").then().statusCode(201).body("amount", equalTo(1200.5f));
    }

    @Test
    void text_that_is_not_valid_unicode_is_refused() {
        refusedNaming("{\"reference\":\"a\\ud800b\",\"amount\":1,\"currency\":\"EUR\"}", "/v1/charges", "reference",
                "is not valid Unicode (a lone surrogate)");
    }

    @Test
    void a_body_without_a_content_type_is_415() throws Exception {
        // java.net.http sends no Content-Type unless told (REST Assured would pick one)
        var untyped = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":"
                + RestAssured.port + "/admin/behaviour")).PUT(HttpRequest.BodyPublishers.ofString(
                "{\"latencyMs\":0,\"failureRate\":0,\"declineRate\":0}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(untyped.statusCode()).isEqualTo(415);
        assertThat(untyped.headers().firstValue("Content-Type")).hasValue(PROBLEM);
        assertThat(untyped.body()).contains("Content-Type");
        given().contentType(ContentType.TEXT).body("{\"latencyMs\":0,\"failureRate\":0,\"declineRate\":0}")
                .when().put("/admin/behaviour").then().statusCode(415).contentType(PROBLEM);
    }
}
