package io.shopflow.gateway.client;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.grpc.Status;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.shopflow.gateway.StandInData;
import io.shopflow.gateway.Tokens;
import io.shopflow.infra.testing.TokenKeysTestResource;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fault tolerance of the gateway's gRPC questions ({@link ServiceQueryClient}), against a real gRPC server standing
 * in for order-service that fails when told to: whose order one is (owner=order) is asked again when order-service is
 * unavailable, not when it calls the question invalid; a breaker opens against an order-service that keeps failing,
 * and the gateway then answers 503 at once, without asking; the calls are counted on /q/metrics as ft_* series.
 */
@QuarkusTest
@WithTestResource(FlakyOrderService.class)
@WithTestResource(TokenKeysTestResource.class)
class ServiceQueryFaultToleranceTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String ORDER_QUESTION = "method=\"io.shopflow.gateway.client.ServiceQueryClient.order\"";
    /** How long the stand-in takes to fail when it fails slowly: a request whose attempts reach it takes 3 times this. */
    private static final Duration SLOW_FAILURE = Duration.ofMillis(300);

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Inject
    CircuitBreakerMaintenance breakers;

    /** No test inherits another's failures, in the stand-in or counted by a breaker. */
    @BeforeEach
    @AfterEach
    void healthy() {
        FlakyOrderService.healthy();
        breakers.resetAll();
    }

    private static RequestSpecification ada() {
        return Tokens.as("ada", "orders:read");
    }

    private static ValidatableResponse readOrder(RequestSpecification caller) {
        return caller.when().get("/api/v1/orders/" + StandInData.ADA_ORDER).then();
    }

    @Test
    void unavailability_is_asked_again_and_an_invalid_argument_is_not() {
        FlakyOrderService.failNext(2, Status.UNAVAILABLE, Duration.ZERO);
        int before = FlakyOrderService.getOrderCalls();
        readOrder(ada()).statusCode(200).body("uri", equalTo("/api/v1/orders/" + StandInData.ADA_ORDER));
        assertThat(FlakyOrderService.getOrderCalls() - before).as("two unavailable, then the answer").isEqualTo(3);

        FlakyOrderService.failNext(1, Status.INVALID_ARGUMENT, Duration.ZERO);
        before = FlakyOrderService.getOrderCalls();
        readOrder(ada()).statusCode(404).contentType(PROBLEM);
        assertThat(FlakyOrderService.getOrderCalls() - before).as("an answer, asked once").isEqualTo(1);
    }

    @Test
    void the_breaker_opens_against_a_failing_order_service_and_the_gateway_then_answers_503_at_once() {
        FlakyOrderService.failNext(Integer.MAX_VALUE, Status.UNAVAILABLE, SLOW_FAILURE);
        int before = FlakyOrderService.getOrderCalls();
        // Each request makes three attempts, all failed: seven fill the breaker's window of 20.
        var fastestFailure = Duration.ofDays(1);
        for (int n = 0; n < 7; n++) {
            var caller = ada();
            long started = System.nanoTime();
            readOrder(caller).statusCode(503).contentType(PROBLEM);
            var took = Duration.ofNanos(System.nanoTime() - started);
            fastestFailure = took.compareTo(fastestFailure) < 0 ? took : fastestFailure;
        }
        assertThat(FlakyOrderService.getOrderCalls() - before).as("calls until the breaker opened").isEqualTo(20);
        // The count of openings, not the state gauge: in a test JVM where another gateway instance asked for an order
        // before (GatewayOrdersTest), this instance's ft_circuitbreaker_state_current still said closed while its
        // breaker had opened and refused calls. A deployed gateway is one instance per JVM.
        assertThat(metrics()).contains("ft_circuitbreaker_opened_total{" + ORDER_QUESTION + "} 1.0");

        var caller = ada();
        int calls = FlakyOrderService.getOrderCalls();
        long started = System.nanoTime();
        readOrder(caller).statusCode(503).contentType(PROBLEM).header("Retry-After", "5")
                .body("type", equalTo("urn:shopflow:problem:unavailable"));
        var took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(FlakyOrderService.getOrderCalls()).as("rejected without a call").isEqualTo(calls);
        assertThat(took).as("answered sooner than any request that asked order-service (%s)", fastestFailure)
                .isLessThan(fastestFailure);
    }

    @Test
    void the_questions_are_ft_series_on_the_metrics() {
        readOrder(ada()).statusCode(200);

        var metrics = metrics();
        for (String series : new String[] {"ft_invocations_total", "ft_timeout_calls_total", "ft_retry_calls_total",
                "ft_circuitbreaker_calls_total", "ft_bulkhead_calls_total"}) {
            assertThat(metrics).as(series).containsPattern(series + "\\{[^}]*" + ORDER_QUESTION);
        }
    }

    private String metrics() {
        // By host and port: the injected URL ends in the management root path (/q/).
        return given().baseUri("http://" + management.getHost()).port(management.getPort()).when().get("/q/metrics")
                .then().statusCode(200).extract().asString();
    }
}
