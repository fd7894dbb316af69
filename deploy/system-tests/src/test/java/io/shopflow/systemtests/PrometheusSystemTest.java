package io.shopflow.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopflow.infra.testing.RequiredTool;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Prometheus configuration in {@code observability/prometheus} against the running platform, read by the real
 * Prometheus (the Debian package; without it: failed in CI, skipped elsewhere): it loads the scrape
 * configuration and the alert rules as they are, scrapes every service, and queries return the services' data;
 * every query of the Grafana dashboards in {@code observability/grafana/dashboards} is one it accepts.
 */
@ExtendWith(SystemUnderTest.Shared.class)
class PrometheusSystemTest {

    /**
     * Prometheus scrapes and evaluates the rules every 15 s (observability/prometheus), and a rate over a minute
     * needs two scrapes: 90 s are a few rounds, with room for a machine loaded by the other system tests.
     */
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    /** Often enough to see a scrape soon after it happens, without querying Prometheus in a tight loop. */
    private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static SystemUnderTest system;
    private static Process prometheus;
    private static URI api;

    @BeforeAll
    static void startPrometheus(SystemUnderTest running, @TempDir Path storage) throws Exception {
        RequiredTool.require(onPath("prometheus"), "Prometheus (the prometheus command)", "apt-get install prometheus");
        system = running;
        Path config = system.projectRoot().resolve("observability/prometheus/prometheus.yml");
        int port;
        try (var free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        api = URI.create("http://127.0.0.1:" + port + "/api/v1/");
        prometheus = new ProcessBuilder("prometheus", "--config.file=" + config,
                "--storage.tsdb.path=" + storage, "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(storage.resolve("prometheus.log").toFile()).start();
    }

    @AfterAll
    static void stopPrometheus() throws InterruptedException {
        if (prometheus != null) {
            prometheus.destroy();
            prometheus.waitFor();
        }
    }

    @Test
    void prometheus_scrapes_every_service_and_evaluates_the_alert_rules() throws Exception {
        var products = new JsonHttp().ask(system.api("/api/v1/products"));
        assertThat(products.status()).as("a request through the gateway to measure").isEqualTo(200);

        var up = awaitResult("every service scraped and up", "up{job=\"shopflow\"}",
                result -> result.size() == 8 && all(result, series -> series.get("value").get(1).asText().equals("1")));
        assertThat(labels(up, "service")).containsOnlyKeys("api-gateway", "user-service", "order-service",
                "inventory-service", "payment-service", "shipping-service", "notification-service", "payment-provider");
        awaitResult("every service's JVM metrics", "count by (service) (jvm_memory_used_bytes)",
                result -> result.size() == 8);
        awaitResult("the gateway's requests counted by route, not by raw path",
                "http_server_requests_seconds_count{service=\"api-gateway\", uri=\"/api/v1/products\"}",
                result -> !result.isEmpty());
        awaitResult("latency histograms for a p99 per service", "histogram_quantile(0.99, sum by (service, le) "
                + "(rate(http_server_requests_seconds_bucket{service=~\"api-gateway|inventory-service\"}[1m])))",
                result -> result.size() == 2);
        awaitResult("the outbox gauges the alerts read", "shopflow_outbox_oldest_age_seconds",
                result -> !result.isEmpty());
        awaitResult("the consumer lag the alerts read", "kafka_consumer_fetch_manager_records_lag_max",
                result -> !result.isEmpty());
        awaitResult("the consumer groups' seconds behind the alerts read", "shopflow_events_consumer_lag_seconds",
                result -> !result.isEmpty());

        var rules = awaitRulesEvaluated();
        assertThat(rules).extracting(rule -> rule.get("name").asText())
                .contains("ServiceDown", "HighErrorRate", "SlowRequests", "OutboxFallingBehind", "ConsumerLagging", "ConsumerStalled",
                        "CircuitBreakerOpen");
        assertThat(rules).allSatisfy(rule -> assertThat(rule.get("health").asText())
                .as("rule %s: %s", rule.get("name"), rule.get("lastError")).isEqualTo("ok"));
    }

    @Test
    void every_dashboard_query_is_one_prometheus_runs() throws Exception {
        var expressions = new ArrayList<String>();
        try (var dashboards = Files.list(system.projectRoot().resolve("observability/grafana/dashboards"))) {
            for (var dashboard : dashboards.toList()) {
                JSON.readTree(dashboard.toFile()).get("panels").forEach(panel ->
                        panel.get("targets").forEach(target -> expressions.add(target.get("expr").asText())));
            }
        }
        assertThat(expressions).hasSizeGreaterThan(10);
        awaitResult("Prometheus answering", "up", result -> true);
        for (String expression : expressions) {
            assertThat(get("query?query=" + URLEncoder.encode(expression, StandardCharsets.UTF_8)))
                    .as("Prometheus refused the dashboard query `%s`", expression).isNotNull();
        }
    }

    /**
     * Runs the query until its result satisfies {@code wanted}; returns the result. Fails with {@code what} and the
     * last result.
     */
    private static JsonNode awaitResult(String what, String query, Predicate<JsonNode> wanted) {
        var result = new AtomicReference<JsonNode>();
        await(what).atMost(PATIENCE).pollDelay(Duration.ZERO).pollInterval(POLL_INTERVAL).untilAsserted(() -> {
            var answer = get("query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
            assertThat(answer).as("Prometheus' answer to `%s`", query).isNotNull();
            result.set(answer.get("data").get("result"));
            assertThat(wanted.test(result.get())).as("what `%s` gave: %s", query, result.get()).isTrue();
        });
        return result.get();
    }

    /** Every alert rule, once each has been evaluated at least once; fails naming the rules not evaluated. */
    private static List<JsonNode> awaitRulesEvaluated() {
        var rules = new AtomicReference<List<JsonNode>>();
        await("every alert rule evaluated").atMost(PATIENCE).pollDelay(Duration.ZERO).pollInterval(POLL_INTERVAL)
                .untilAsserted(() -> {
                    var answer = get("rules");
                    assertThat(answer).as("Prometheus' rules").isNotNull();
                    rules.set(StreamSupport.stream(answer.get("data").get("groups").spliterator(), false)
                            .flatMap(group -> StreamSupport.stream(group.get("rules").spliterator(), false)).toList());
                    assertThat(rules.get()).as("rules loaded").isNotEmpty()
                            .filteredOn(rule -> rule.get("lastEvaluation").asText().startsWith("0001-"))
                            .extracting(rule -> rule.get("name").asText()).as("rules not evaluated yet").isEmpty();
                });
        return rules.get();
    }

    /** Prometheus' JSON answer, or null while it is not up yet. */
    private static JsonNode get(String path) throws IOException, InterruptedException {
        try {
            var response = HTTP.send(HttpRequest.newBuilder(api.resolve(path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        } catch (IOException notYetListening) {
            assertThat(prometheus.isAlive()).as("prometheus is running").isTrue();
            return null;
        }
    }

    private static boolean all(JsonNode array, Predicate<JsonNode> each) {
        return StreamSupport.stream(array.spliterator(), false).allMatch(each);
    }

    private static Map<String, JsonNode> labels(JsonNode result, String label) {
        var byLabel = new HashMap<String, JsonNode>();
        result.forEach(series -> byLabel.put(series.get("metric").get(label).asText(), series));
        return byLabel;
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
