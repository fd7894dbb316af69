package io.shopflow.provider;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PaymentProviderTest {

    private static ValidatableResponse behave(double failureRate, double declineRate) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("latencyMs", 0, "failureRate", failureRate, "declineRate", declineRate))
                .when().put("/admin/behaviour").then();
    }

    private static ValidatableResponse charge(String reference) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("reference", reference, "amount", 28.20, "currency", "EUR"))
                .when().post("/v1/charges").then();
    }

    @AfterEach
    void behaveNormally() {
        behave(0, 0).statusCode(200);
    }

    @Test
    void a_reference_is_charged_once_however_often_it_is_sent() {
        String reference = UUID.randomUUID().toString();
        String id = charge(reference).statusCode(201).body("id", startsWith("ch_"))
                .body("refunded", equalTo(false)).extract().path("id");

        charge(reference).statusCode(200).body("id", equalTo(id));

        given().queryParam("reference", reference).when().get("/v1/charges").then().body("", hasSize(1));
    }

    @Test
    void a_refund_marks_the_charge_and_is_idempotent() {
        String id = charge(UUID.randomUUID().toString()).statusCode(201).extract().path("id");

        given().when().post("/v1/charges/" + id + "/refund").then().statusCode(200).body("refunded", equalTo(true));
        given().when().post("/v1/charges/" + id + "/refund").then().statusCode(200).body("refunded", equalTo(true));
        given().when().post("/v1/charges/ch_nope/refund").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void declines_are_402_and_charge_nothing() {
        behave(0, 1).statusCode(200);
        String reference = UUID.randomUUID().toString();

        charge(reference).statusCode(402).contentType("application/problem+json")
                .body("type", equalTo("urn:shopflow:problem:card-declined"));

        given().queryParam("reference", reference).when().get("/v1/charges").then().body("", hasSize(0));
    }

    @Test
    void outages_are_503_with_retry_after_and_charge_nothing() {
        behave(1, 0).statusCode(200);
        String reference = UUID.randomUUID().toString();

        charge(reference).statusCode(503).header("Retry-After", "1");

        behave(0, 0).statusCode(200);
        charge(reference).statusCode(201);
    }

    @Test
    void a_failure_rate_fails_that_share_of_calls() {
        behave(0.3, 0).statusCode(200);
        int failed = 0;
        for (int n = 0; n < 200; n++) {
            if (charge(UUID.randomUUID().toString()).extract().statusCode() == 503) {
                failed++;
            }
        }
        // The draws are EvenDraws': every hundred calls, the thirty that draw below 0.3 fail.
        assertThat(failed).isEqualTo(60);
    }

    @Test
    void behaviour_and_charges_are_validated() {
        given().contentType(ContentType.JSON).body(Map.of("latencyMs", -1, "failureRate", 2, "declineRate", 0))
                .when().put("/admin/behaviour").then().statusCode(400).body("errors", hasSize(2));
        given().contentType(ContentType.JSON).body(Map.of("reference", "r", "amount", 0, "currency", "euro"))
                .when().post("/v1/charges").then().statusCode(400).body("errors", hasSize(2));
    }

    @Test
    void latency_is_applied_to_every_answer() {
        given().contentType(ContentType.JSON).body(Map.of("latencyMs", 300, "failureRate", 0, "declineRate", 0))
                .when().put("/admin/behaviour").then().statusCode(200);
        long started = System.nanoTime();
        charge(UUID.randomUUID().toString()).statusCode(201);
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(300);
    }
}
