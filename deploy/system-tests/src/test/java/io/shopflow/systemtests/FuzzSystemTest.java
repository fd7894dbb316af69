package io.shopflow.systemtests;

import static io.shopflow.events.testing.HostileInput.abbreviated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopflow.events.testing.HostileInput;
import io.shopflow.systemtests.BadRequests.BadRequest;
import io.shopflow.systemtests.BadRequests.Fixture;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The public API under a stream of bad requests ({@link BadRequests}, from a seed the test prints): no answer is a
 * 5xx (503, deliberate overload, aside), none shows a stack trace or an internal address, and nothing is written
 * for a request that was refused. {@code -Dshopflow.fuzz.cases} sets how many (CI runs the default),
 * {@code -Dshopflow.fuzz.seed} replays a run.
 */
@ExtendWith(SystemUnderTest.Shared.class)
class FuzzSystemTest {

    private static final int CASES = Integer.getInteger("shopflow.fuzz.cases", 1500);
    private static final long SEED = Long.getLong("shopflow.fuzz.seed", System.nanoTime());
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int RATE_LIMITED_ATTEMPTS = 20;
    private static final Set<String> ENDED = Set.of("SHIPPED", "CANCELLED");
    /** The few orders the fuzzing gets accepted end within seconds; the rest is room for a loaded machine. */
    private static final Duration ORDERS_PATIENCE = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static SystemUnderTest system;
    /** HTTP/1.1, as most API clients speak it (Java's default would try an HTTP/2 upgrade first). */
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();

    @BeforeAll
    static void connect(SystemUnderTest running) {
        system = running;
    }

    @Test
    void bad_requests_get_clear_answers_that_leak_nothing_and_write_nothing() throws Exception {
        var fixture = fixture();
        long usersBefore = count("user-service", "SELECT count(*) FROM users");
        long ordersBefore = count("order-service", "SELECT count(*) FROM orders");
        long userVersionBefore = userVersion(fixture.userId());

        var requests = new BadRequests(SEED, fixture);
        var tally = new Tally();
        for (int n = 0; n < CASES; n++) {
            var request = requests.next();
            try {
                tally.answered(request, send(request));
            } catch (IOException e) {
                tally.unanswered(request, e);
            }
        }
        System.out.printf("%nFuzzing the public API: %d bad requests (seed %d)%n%s%n", CASES, SEED, tally);

        assertThat(tally.problems).as("answers that break the rules (seed %d)", SEED).isEmpty();
        assertThat(count("user-service", "SELECT count(*) FROM users")).as("users written")
                .isEqualTo(usersBefore + tally.usersCreated.size());
        assertThat(count("order-service", "SELECT count(*) FROM orders")).as("orders written")
                .isEqualTo(ordersBefore + tally.ordersAccepted.size());
        assertThat(userVersion(fixture.userId())).as("versions of the fuzzed user: at most one per accepted change")
                .isBetween(userVersionBefore, userVersionBefore + tally.userChangesAccepted);
        awaitEnded(tally.ordersAccepted, fixture.adminToken());
    }

    /** What the answers were, and what was accepted (odd but valid input) and so may be written. */
    private static final class Tally {

        final Map<String, Integer> byKind = new TreeMap<>();
        final Map<Integer, Integer> byStatus = new TreeMap<>();
        final List<String> problems = new ArrayList<>();
        /** By id: a repeated Idempotency-Key gives the same order back, which is no new order. */
        final Set<String> usersCreated = new HashSet<>();
        final Set<String> ordersAccepted = new HashSet<>();
        int userChangesAccepted;

        void answered(BadRequest request, HttpResponse<String> answer) throws IOException {
            byKind.merge(request.kind(), 1, Integer::sum);
            byStatus.merge(answer.statusCode(), 1, Integer::sum);
            problems.addAll(problemsWith(request, answer));
            if (answer.statusCode() / 100 != 2 || request.method().equals("GET")) {
                return;
            }
            switch (request.operation()) {
                case "POST /api/v1/users" -> usersCreated.add(JSON.readTree(answer.body()).get("id").asText());
                case "POST /api/v1/orders" -> ordersAccepted.add(JSON.readTree(answer.body()).get("id").asText());
                default -> userChangesAccepted++;
            }
        }

        void unanswered(BadRequest request, IOException failure) {
            byKind.merge(request.kind(), 1, Integer::sum);
            problems.add(described(request) + " -> no answer: " + failure.getMessage());
        }

        @Override
        public String toString() {
            return String.format("  by what was broken: %s%n  answers by status: %s%n  accepted anyway: %d "
                            + "registrations, %d orders, %d user changes (odd but valid input)%n  problems: %d%n",
                    byKind, byStatus, usersCreated.size(), ordersAccepted.size(), userChangesAccepted,
                    problems.size());
        }
    }

    /**
     * The orders the fuzzing placed go through the saga like any: wait until they have ended, so they neither
     * hang nor move stock under the next test's feet.
     */
    private static void awaitEnded(Set<String> orderIds, String adminToken) {
        var http = new JsonHttp();
        http.signIn(adminToken);
        var open = new TreeMap<String, String>();
        orderIds.forEach(orderId -> open.put(orderId, "not read yet"));
        await("every order the fuzzing placed ended").atMost(ORDERS_PATIENCE).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    open.replaceAll((orderId, status) ->
                            http.get(system.api("/api/v1/orders/" + orderId)).get("status").asText());
                    open.values().removeIf(ENDED::contains);
                    assertThat(open).as("orders not ended yet, with their status").isEmpty();
                });
    }

    /** A user of their own, their token, an admin's, one of their orders, and a product in stock. */
    private Fixture fixture() throws InterruptedException {
        var http = new JsonHttp();
        var user = http.post(system.api("/api/v1/users"), Map.of("name", "Fuzz Target",
                "email", "fuzz-" + UUID.randomUUID() + "@example.com", "address", "9 Edge Case Lane",
                "initialCredit", 100_000));
        assertThat(user.status()).as("%s", user.body()).isEqualTo(201);
        String userId = user.body().get("id").asText();
        String userToken = token(http, userId, List.of("orders:read", "orders:write"));
        String adminToken = token(http, "fuzz-admin", List.of("orders:read", "orders:write", "admin:orders",
                "admin:users"));
        String sku = "BOOK-DDD";
        http.signIn(userToken);
        var order = http.post(system.api("/api/v1/orders"), Map.of("userId", userId,
                "lines", List.of(Map.of("sku", sku, "quantity", 1))),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(order.status()).as("%s", order.body()).isEqualTo(202);
        return new Fixture(userId, userToken, adminToken, order.body().get("id").asText(), sku);
    }

    private static String token(JsonHttp http, String subject, List<String> permissions) {
        var answer = http.post(system.api("/dev/tokens"), Map.of("subject", subject, "permissions", permissions));
        assertThat(answer.status()).isEqualTo(200);
        return answer.body().get("token").asText();
    }

    /** Sends {@code request}, waiting out the gateway's rate limits as a polite client would. */
    private HttpResponse<String> send(BadRequest request) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create(system.api("/") + request.pathAndQuery().substring(1)))
                .timeout(TIMEOUT)
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);
        var built = builder.build();
        HttpResponse<String> answer = null;
        for (int attempt = 0; attempt < RATE_LIMITED_ATTEMPTS; attempt++) {
            answer = sendOnLiveConnection(built);
            if (answer.statusCode() != 429) {
                return answer;
            }
            // The pause the answer asks of its client, not a wait for something under test.
            Thread.sleep(1000 * answer.headers().firstValueAsLong("Retry-After").orElse(1));
        }
        return answer;
    }

    /**
     * Sends once more, on a new connection, when the kept-alive one turns out closed. Vert.x closes the connection
     * after answering a request line or headers too long (414, 431) without saying so (no {@code Connection:
     * close}); Java's client retries only idempotent requests by itself, so a POST after such an answer would
     * otherwise fail for the client's bookkeeping, not for anything the platform did with it.
     */
    private HttpResponse<String> sendOnLiveConnection(HttpRequest request) throws Exception {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException closedUnderneath) {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
    }

    private static List<String> problemsWith(BadRequest request, HttpResponse<String> answer) {
        var problems = new ArrayList<String>();
        String what = described(request);
        int status = answer.statusCode();
        if (status >= 500 && status != 503) {
            problems.add(what + " -> " + status + ": " + abbreviated(answer.body()));
        }
        var leak = HostileInput.LEAK.matcher(answer.body());
        if (leak.find()) {
            problems.add(what + " -> " + status + " shows '" + leak.group() + "': " + abbreviated(answer.body()));
        }
        if (status >= 400 && !answer.body().isEmpty() && !answer.headers().firstValue("Content-Type").orElse("")
                .startsWith("application/problem+json")) {
            problems.add(what + " -> " + status + " as " + answer.headers().firstValue("Content-Type").orElse("?")
                    + ", not a problem: " + abbreviated(answer.body()));
        }
        return problems;
    }

    private static String described(BadRequest request) {
        return request.kind() + " on " + request.method() + " " + abbreviated(request.pathAndQuery()) + " "
                + abbreviated(request.headers().toString())
                + (request.body() == null ? "" : " " + abbreviated(new String(request.body(), StandardCharsets.UTF_8)));
    }

    private static long count(String service, String query) throws SQLException {
        try (var connection = system.database(service); var rows = connection.createStatement().executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static long userVersion(String userId) throws SQLException {
        try (var connection = system.database("user-service");
             var statement = connection.prepareStatement("SELECT version FROM users WHERE id = ?::uuid")) {
            statement.setString(1, userId);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
