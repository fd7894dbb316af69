package io.shopflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.shopflow.infra.testing.TokenKeysTestResource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The gateway in front of real HTTP backends ({@link Backends}): what is forwarded, how, and what is refused.
 * Requests carry a token that may do everything here; {@link io.shopflow.gateway.security.GatewaySecurityTest} is about who may do what.
 */
@QuarkusTest
@WithTestResource(Backends.class)
@WithTestResource(TokenKeysTestResource.class)
class GatewayRoutingTest {

    private static final String PROBLEM = "application/problem+json";
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private static RequestSpecification client() {
        return Tokens.as("routing-test", "orders:read", "orders:write", "admin:orders", "admin:users");
    }

    private static ValidatableResponse get(String path) {
        return client().when().get(path).then();
    }

    @Test
    void a_request_under_a_route_reaches_one_of_its_instances_with_method_path_query_and_body() {
        String body = "{\"userId\":\"42\",\"lines\":[]}";

        var echo = client().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/orders?dryRun=true").then()
                .statusCode(200)
                .header("X-Backend", matchesPattern("orders-[ab]"))
                .body("method", equalTo("POST"))
                .body("uri", equalTo("/api/v1/orders?dryRun=true"))
                .body("bodyBytes", equalTo(body.length()))
                .extract();

        assertThat(echo.<String>path("bodySha256")).isEqualTo(Backends.sha256(body.getBytes()));
        assertThat(echo.<String>path("headers.content-type")).startsWith("application/json");
        get("/api/v1/users/7").statusCode(200).body("backend", equalTo("users")).body("uri", equalTo("/api/v1/users/7"));
    }

    @Test
    void a_path_no_route_takes_is_404_and_a_method_the_route_does_not_take_is_405() {
        get("/api/v1/nothing-here").statusCode(404).contentType(PROBLEM)
                .body("type", equalTo("urn:shopflow:problem:not-found"))
                .body("status", equalTo(404));
        get("/api/v1/ordersX").statusCode(404); // prefixes match whole segments

        client().when().delete("/api/v1/orders").then().statusCode(405).contentType(PROBLEM)
                .header("Allow", "GET, POST")
                .body("type", equalTo("urn:shopflow:problem:method-not-allowed"));
        client().when().delete("/api/v1/orders/1").then().statusCode(405).header("Allow", "GET");
    }

    @Test
    void a_services_dead_letters_are_reached_under_its_name_by_admin_platform_only_and_others_reach_nothing() {
        String deadLetters = "/api/v1/admin/dead-letters/shipping-service";
        String redrive = deadLetters + "/3f2c1a9e-0000-4000-8000-000000000001/redrive";
        int before = Backends.SHIPPING.requests.get();

        // Every permission but admin:platform (this test's token holds all the others) is refused, and so is no token.
        client().when().post(redrive).then().statusCode(403).contentType(PROBLEM)
                .body("type", equalTo("urn:shopflow:problem:forbidden"))
                .body("detail", equalTo("This needs the permission 'admin:platform'"));
        client().when().get(deadLetters).then().statusCode(403).contentType(PROBLEM);
        RestAssured.given().when().post(redrive).then().statusCode(401).contentType(PROBLEM);
        assertThat(Backends.SHIPPING.requests.get()).as("nothing forwarded").isEqualTo(before);

        var admin = Tokens.as("operator", "admin:platform");
        admin.when().post(redrive).then().statusCode(200)
                .body("backend", equalTo("shipping"))
                .body("method", equalTo("POST"))
                .body("uri", equalTo("/admin/dead-letters/3f2c1a9e-0000-4000-8000-000000000001/redrive"));
        Tokens.as("operator", "admin:platform").when().get(deadLetters + "?status=WAITING").then().statusCode(200)
                .body("uri", equalTo("/admin/dead-letters?status=WAITING"));
        Tokens.as("operator", "admin:platform").when().delete(deadLetters + "/x").then().statusCode(405);
    }

    @Test
    void the_orders_read_model_rebuild_is_reached_by_admin_platform_only() {
        String rebuild = "/api/v1/admin/order-views/rebuild";
        int before = Backends.ORDERS_A.requests.get() + Backends.ORDERS_B.requests.get();

        client().when().post(rebuild).then().statusCode(403).contentType(PROBLEM);
        RestAssured.given().when().get(rebuild).then().statusCode(401).contentType(PROBLEM);
        assertThat(Backends.ORDERS_A.requests.get() + Backends.ORDERS_B.requests.get()).as("nothing forwarded")
                .isEqualTo(before);

        Tokens.as("operator", "admin:platform").when().post(rebuild).then().statusCode(200)
                .body("method", equalTo("POST"))
                .body("uri", equalTo("/admin/order-views/rebuild"));
    }

    @Test
    void a_well_formed_correlation_id_is_kept_and_one_is_made_up_when_absent_or_malformed() {
        client().header("X-Correlation-Id", "checkout-7f3a").when().get("/api/v1/users/1").then()
                .header("X-Correlation-Id", "checkout-7f3a")
                .body("headers.x-correlation-id", equalTo("checkout-7f3a"));

        var made = get("/api/v1/users/1").extract();
        assertThat(made.header("X-Correlation-Id")).matches("[0-9a-f-]{36}")
                .isEqualTo(made.<String>path("headers.x-correlation-id"));

        client().header("X-Correlation-Id", "bad id\twith <script>").when().get("/api/v1/users/1").then()
                .header("X-Correlation-Id", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void hop_by_hop_headers_stay_on_their_hop_and_the_client_host_and_address_are_forwarded() {
        var seen = client()
                .header("Connection", "keep-alive, X-Hop-Secret")
                .header("X-Hop-Secret", "for the gateway only")
                .header("Proxy-Authorization", "Basic c2VjcmV0")
                .header("X-End-To-End", "kept")
                .when().get("/api/v1/users/1").then().statusCode(200).extract();

        assertThat(seen.<Object>path("headers.x-hop-secret")).isNull();
        assertThat(seen.<Object>path("headers.proxy-authorization")).isNull();
        assertThat(seen.<String>path("headers.x-end-to-end")).isEqualTo("kept");
        assertThat(seen.<String>path("headers.x-forwarded-for")).isEqualTo("127.0.0.1");
        assertThat(seen.<String>path("headers.host")).as("the service sees the host the client asked for")
                .isEqualTo("localhost:" + RestAssured.port);
    }

    @Test
    void bodies_stream_through_both_ways_and_a_request_body_over_the_limit_is_refused() throws Exception {
        byte[] upload = new byte[60 * 1024];
        new Random(7).nextBytes(upload);
        client().contentType(ContentType.BINARY).body(upload).when().post("/api/v1/orders").then()
                .statusCode(200)
                .body("bodyBytes", equalTo(upload.length))
                .body("bodySha256", equalTo(Backends.sha256(upload)));

        var download = get("/api/v1/users/big?bytes=5000000").statusCode(200).extract().asByteArray();
        assertThat(download).as("an answer larger than any request may be").hasSize(5_000_000);

        int before = Backends.ORDERS_A.requests.get() + Backends.ORDERS_B.requests.get();
        String token = Tokens.mint("routing-test", "orders:write");
        assertThat(announcingTooLargeABody("Bearer " + token)).startsWith("HTTP/1.1 413");
        assertThat(Backends.ORDERS_A.requests.get() + Backends.ORDERS_B.requests.get()).as("nothing forwarded")
                .isEqualTo(before);

        // Without a length announced (chunked), the limit is counted while the body streams through.
        var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var chunked = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/api/v1/orders"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[2 * 1024 * 1024])))
                .build();
        var refused = client.send(chunked, HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
    }

    @Test
    void requests_over_the_size_limits_are_refused_with_problems_and_log_no_error() throws Exception {
        var errors = new ErrorRecords();
        Logger.getLogger("").addHandler(errors);
        try {
            var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String base = RestAssured.baseURI + ":" + RestAssured.port;
            String token = "Bearer " + Tokens.mint("routing-test", "orders:write");
            var orders = URI.create(base + "/api/v1/orders");

            var declared = announcingTooLargeABody(token);
            assertThat(declared).startsWith("HTTP/1.1 413").containsIgnoringCase("content-type: " + PROBLEM)
                    .contains("\"type\":\"urn:shopflow:problem:payload-too-large\"");

            var longUri = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/products?q=" + "a".repeat(5000)))
                    .timeout(ANSWER_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            assertProblem(longUri, 414, "uri-too-long");

            var largeHeaders = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/products"))
                    .timeout(ANSWER_TIMEOUT).header("X-Large", "a".repeat(30_000)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertProblem(largeHeaders, 431, "headers-too-large");

            var chunked = http.send(HttpRequest.newBuilder(orders).timeout(ANSWER_TIMEOUT)
                    .header("Authorization", token).header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[2 << 20])))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertProblem(chunked, 413, "payload-too-large");

            // Whatever the refused upload leaves behind (the service's half-sent request, the client's connection)
            // is logged, if at all, within moments: none of it is an error.
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(errors.records).as("errors logged").isEmpty());
        } finally {
            Logger.getLogger("").removeHandler(errors);
        }
    }

    /**
     * The headers of a request that announces a 2 MB body, and the answer, which must come before any of the body and
     * end the connection. Over a socket: Java's HttpClient, asked to expect 100-continue, never completes on a final
     * answer that has a body.
     */
    private static String announcingTooLargeABody(String authorization) throws IOException {
        try (var socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout((int) ANSWER_TIMEOUT.toMillis());
            socket.getOutputStream().write(("POST /api/v1/orders HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                    + authorization + "\r\nContent-Type: application/json\r\nContent-Length: " + (2 << 20)
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void assertProblem(HttpResponse<String> answer, int status, String type) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue(PROBLEM);
        assertThat(answer.body()).contains("\"type\":\"urn:shopflow:problem:" + type + "\"");
    }

    /**
     * The records the HTTP server and client, the proxy and the gateway log at ERROR (SEVERE) or above while
     * installed (gRPC's reconnections to stand-ins other tests stopped are none of this test's business).
     */
    private static final class ErrorRecords extends Handler {

        final List<String> records = new CopyOnWriteArrayList<>();

        @Override
        public void publish(LogRecord record) {
            String logger = String.valueOf(record.getLoggerName());
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()
                    && (logger.startsWith("io.vertx") || logger.startsWith("io.shopflow"))) {
                records.add(logger + ": " + record.getMessage()
                        + (record.getThrown() == null ? "" : " " + record.getThrown()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void a_service_without_an_instance_that_answers_is_503_with_retry_after() {
        get("/api/v1/gone/1").statusCode(503).contentType(PROBLEM)
                .header("Retry-After", "5")
                .body("type", equalTo("urn:shopflow:problem:unavailable"))
                .body("detail", not(containsString("localhost")));
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS) // a gateway waiting for the backend would wait forever
    void a_service_silent_past_the_route_timeout_is_504_without_waiting_for_it() {
        // The backend never answers /slow: only the route's own timeout can end the request.
        get("/api/v1/slow").statusCode(504).contentType(PROBLEM)
                .body("type", equalTo("urn:shopflow:problem:gateway-timeout"));
    }

    @Test
    void weighted_instances_share_the_route_thirty_to_seventy() {
        int a = Backends.ORDERS_A.requests.get();
        int b = Backends.ORDERS_B.requests.get();

        for (int n = 0; n < 200; n++) {
            get("/api/v1/orders/" + n).statusCode(200);
        }

        assertThat(Backends.ORDERS_A.requests.get() - a).isBetween(58, 62);
        assertThat(Backends.ORDERS_B.requests.get() - b).isBetween(138, 142);
    }

    @Test
    void the_trace_context_goes_on_to_the_service_in_the_same_trace() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

        String forwarded = client().header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .when().get("/api/v1/users/1").then().statusCode(200).extract().path("headers.traceparent");

        assertThat(forwarded).startsWith("00-" + traceId + "-").doesNotContain("00f067aa0ba902b7");
    }
}
