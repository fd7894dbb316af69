package io.shopflow.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The access matrix: every route of the gateway (read from its application.properties, as the gateway reads them)
 * called on the real platform as each kind of caller — the owner of the resource, another user, a user holding each
 * admin permission, an API client, and no one — and each answer compared with what the route's declaration
 * ({@code access}, {@code permission}, {@code owner}, {@code admin-permission}) says it must be: the route's success,
 * 401 or 403. A route that declares no access, or that the matrix has no request for, fails the test, so a new
 * route is in the matrix as soon as it exists. Ownership the gateway cannot see (a payment's or shipment's, checked
 * by the service: {@code owner=object}) is checked here like any other.
 */
@ExtendWith(SystemUnderTest.Shared.class)
class AccessMatrixSystemTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String ROUTES = "shopflow.gateway.routes.";
    private static final List<String> USER_PERMISSIONS = List.of("orders:read", "orders:write");
    private static final List<String> ADMIN_PERMISSIONS = List.of("admin:users", "admin:orders", "admin:platform");

    /** A route as the gateway's configuration declares it. */
    record Declared(String name, String pathPrefix, String access, Optional<String> permission,
                    Optional<String> adminPermission) {

        /** What a caller gets here: admitted (the route's success), 401 or 403. */
        int expected(Caller caller, int success) {
            if (access.equals("public")) {
                return success;
            }
            if (caller.anonymous()) {
                return 401;
            }
            if (permission.filter(needed -> !caller.permissions().contains(needed)).isPresent()) {
                return 403;
            }
            if (access.equals("owner")) {
                boolean admin = adminPermission.filter(caller.permissions()::contains).isPresent();
                return caller.owner() || admin ? success : 403;
            }
            return success;
        }
    }

    /** Who calls: a bearer token, an API key, or nothing. */
    record Caller(String name, Optional<String> token, Optional<String> apiKey, Set<String> permissions,
                  boolean owner) {

        boolean anonymous() {
            return token.isEmpty() && apiKey.isEmpty();
        }
    }

    /** One request on a route, with what it answers when admitted; {@code {user}} etc. are the owner's. */
    record Sample(String route, String method, String path, String body, int success) {

        boolean stream() {
            return path.contains("/live") || path.contains("/platform/status");
        }
    }

    private static SystemUnderTest system;
    private static Map<String, Declared> declared;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();

    @BeforeAll
    static void readTheRoutes(SystemUnderTest running) throws IOException {
        system = running;
        declared = routesOf(running);
    }

    /** The routes of the gateway's application.properties; a route without {@code access} fails here too. */
    private static Map<String, Declared> routesOf(SystemUnderTest system) throws IOException {
        var properties = new Properties();
        try (InputStream in = Files.newInputStream(system.projectRoot()
                .resolve("services/api-gateway/src/main/resources/application.properties"))) {
            properties.load(in);
        }
        var names = properties.stringPropertyNames().stream().filter(key -> key.startsWith(ROUTES))
                .map(key -> key.substring(ROUTES.length(), key.indexOf('.', ROUTES.length())))
                .collect(Collectors.toCollection(TreeSet::new));
        var routes = new TreeMap<String, Declared>();
        for (String name : names) {
            String at = ROUTES + name + ".";
            String access = properties.getProperty(at + "access");
            assertThat(access).as("route %s declares who may reach it (access=)", name).isNotBlank();
            routes.put(name, new Declared(name, properties.getProperty(at + "path-prefix"), access,
                    Optional.ofNullable(properties.getProperty(at + "permission")),
                    Optional.ofNullable(properties.getProperty(at + "admin-permission"))));
        }
        return routes;
    }

    @Test
    void every_route_answers_each_kind_of_caller_as_its_declaration_says() throws IOException {
        var owner = registerUser();
        String user = owner.path("id").asText();
        String ownerToken = token(user, USER_PERMISSIONS);
        String order = placeOrder(ownerToken, user);
        // Its payment and shipment exist once the saga has shipped it.
        await().atMost(SagaBooks.SAGA_PATIENCE).pollInterval(Duration.ofMillis(500)).until(() ->
                "SHIPPED".equals(get(ownerToken, "/api/v1/orders/" + order).path("status").asText()));
        String payment = get(ownerToken, "/api/v1/payments?orderId=" + order).path(0).path("id").asText();
        String shipment = get(ownerToken, "/api/v1/shipments?orderId=" + order).path(0).path("id").asText();
        String behaviour = get(token("matrix-platform", List.of("admin:platform")),
                "/api/v1/admin/payment-provider/behaviour").toString();
        var values = Map.of("{user}", user, "{order}", order, "{payment}", payment, "{shipment}", shipment,
                "{email}", owner.path("email").asText(), "{behaviour}", behaviour);

        var samples = samples();
        assertThat(samples.stream().map(Sample::route).collect(Collectors.toSet()))
                .as("routes the matrix calls: each route of the gateway needs a request here")
                .containsExactlyInAnyOrderElementsOf(declared.keySet());
        var callers = callers(ownerToken);

        var wrong = new ArrayList<String>();
        var matrix = new StringBuilder(String.format("%-52s", "route / caller"));
        callers.forEach(caller -> matrix.append(String.format("%15s", caller.name())));
        for (var sample : samples) {
            var route = declared.get(sample.route());
            assertThat(sample.path()).as("%s's request is on its prefix", sample.route())
                    .matches(route.pathPrefix().replace("*", "[^/]+") + ".*");
            String path = fill(sample.path(), values);
            matrix.append(String.format("%n%-52s", sample.method() + " " + sample.path()));
            for (var caller : callers) {
                int expected = route.expected(caller, sample.success());
                var answer = send(sample, caller, path, values);
                matrix.append(String.format("%15s", answer.status() == expected ? answer.status()
                        : answer.status() + "!=" + expected));
                if (answer.status() != expected) {
                    wrong.add(sample.method() + " " + path + " as " + caller.name() + ": " + answer.status()
                            + ", the route (" + route + ") says " + expected + ": " + answer.body());
                } else if ((expected == 401 || expected == 403)
                        && !answer.contentType().startsWith("application/problem+json")) {
                    wrong.add(sample.method() + " " + path + " as " + caller.name() + ": a " + expected
                            + " that is not a problem: " + answer.contentType());
                }
            }
        }
        System.out.printf("%nThe access matrix (answer, or answer!=expected):%n%s%n", matrix);
        assertThat(wrong).as("answers that are not what the routes declare").isEmpty();
    }

    /** One request on each route (and method); a route missing here fails the test. */
    private static List<Sample> samples() {
        String newUser = "{\"name\":\"Matrix\",\"email\":\"matrix-{unique}@example.com\",\"address\":\"1 Matrix Road\"}";
        return List.of(
                new Sample("register", "POST", "/api/v1/users", newUser, 201),
                new Sample("users", "GET", "/api/v1/users/{user}", null, 200),
                new Sample("users", "PUT", "/api/v1/users/{user}",
                        "{\"name\":\"Matrix Owner\",\"email\":\"{email}\",\"address\":\"2 Matrix Road\"}", 200),
                new Sample("users", "PATCH", "/api/v1/users/{user}", "{\"address\":\"3 Matrix Road\"}", 200),
                new Sample("users", "GET", "/api/v1/users/{user}/personal-data", null, 200),
                new Sample("user-credit", "PATCH", "/api/v1/users/{user}/credit", "{\"amount\":0.01}", 200),
                new Sample("products", "GET", "/api/v1/products", null, 200),
                new Sample("orders-list", "GET", "/api/v1/orders?userId={user}", null, 200),
                new Sample("order", "GET", "/api/v1/orders/{order}", null, 200),
                new Sample("order-v2", "GET", "/api/v2/orders/{order}", null, 200),
                new Sample("order-details", "GET", "/api/v1/orders/{order}/details", null, 200),
                new Sample("orders-write", "POST", "/api/v1/orders",
                        "{\"userId\":\"{user}\",\"lines\":[{\"sku\":\"BOOK-DDD\",\"quantity\":1}]}", 202),
                new Sample("payments", "GET", "/api/v1/payments?orderId={order}", null, 200),
                new Sample("payments", "GET", "/api/v1/payments/{payment}", null, 200),
                new Sample("shipments", "GET", "/api/v1/shipments?orderId={order}", null, 200),
                new Sample("shipments", "GET", "/api/v1/shipments/{shipment}", null, 200),
                new Sample("notifications", "GET", "/api/v1/notifications?userId={user}", null, 200),
                new Sample("orders-live", "GET", "/api/v1/orders/live?userId={user}&recent=1", null, 200),
                new Sample("platform-status", "GET", "/api/v1/platform/status", null, 200),
                new Sample("payment-provider-admin", "GET", "/api/v1/admin/payment-provider/behaviour", null, 200),
                // The behaviour it has: admitted, it changes nothing.
                new Sample("payment-provider-admin", "PUT", "/api/v1/admin/payment-provider/behaviour", "{behaviour}",
                        200),
                new Sample("dead-letters-order", "GET", "/api/v1/admin/dead-letters/order-service", null, 200),
                new Sample("dead-letters-inventory", "GET", "/api/v1/admin/dead-letters/inventory-service", null, 200),
                new Sample("dead-letters-payment", "GET", "/api/v1/admin/dead-letters/payment-service", null, 200),
                new Sample("dead-letters-shipping", "GET", "/api/v1/admin/dead-letters/shipping-service", null, 200),
                new Sample("dead-letters-notification", "GET", "/api/v1/admin/dead-letters/notification-service", null,
                        200),
                // A dead letter that does not exist: admitted, it is 404 and redrives nothing.
                new Sample("dead-letters-order", "POST", "/api/v1/admin/dead-letters/order-service/"
                        + "00000000-0000-4000-8000-000000000000/redrive", null, 404),
                // A path under the route that nothing answers: admitted, it is 404 whatever rebuilds ran before (the
                // console's browser test runs one).
                new Sample("order-views", "GET", "/api/v1/admin/order-views/none", null, 404),
                // Last, as it erases the owner the samples above need; erasing an erased user again answers 204 too.
                new Sample("users", "DELETE", "/api/v1/users/{user}", null, 204));
    }

    /** The owner, another user, a user with each admin permission, the API client, and no one. */
    private static List<Caller> callers(String ownerToken) {
        var callers = new ArrayList<Caller>();
        callers.add(new Caller("owner", Optional.of(ownerToken), Optional.empty(), Set.copyOf(USER_PERMISSIONS), true));
        callers.add(new Caller("another user", Optional.of(token(UUID.randomUUID().toString(), USER_PERMISSIONS)),
                Optional.empty(), Set.copyOf(USER_PERMISSIONS), false));
        for (String admin : ADMIN_PERMISSIONS) {
            var permissions = new ArrayList<>(USER_PERMISSIONS);
            permissions.add(admin);
            callers.add(new Caller(admin, Optional.of(token("matrix-" + admin.replace(':', '-'), permissions)),
                    Optional.empty(), Set.copyOf(permissions), false));
        }
        callers.add(new Caller("API key", Optional.empty(), Optional.of(SystemUnderTest.API_KEY),
                Set.copyOf(Arrays.asList(SystemUnderTest.API_KEY_PERMISSIONS.split(","))), false));
        callers.add(new Caller("anonymous", Optional.empty(), Optional.empty(), Set.of(), false));
        return callers;
    }

    private record Answer(int status, String contentType, String body) {
    }

    private Answer send(Sample sample, Caller caller, String path, Map<String, String> values) {
        String body = sample.body() == null ? null
                : fill(sample.body(), values).replace("{unique}", UUID.randomUUID().toString());
        var request = HttpRequest.newBuilder(system.api(path)).timeout(TIMEOUT)
                .header("Accept", sample.stream() ? "text/event-stream" : "application/json")
                .method(sample.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        caller.token().ifPresent(token -> request.header("Authorization", "Bearer " + token));
        caller.apiKey().ifPresent(key -> request.header("X-Api-Key", key));
        try {
            // An event stream that is admitted goes on for ever: its status and headers are the answer.
            var answer = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (var in = answer.body()) {
                String text = sample.stream() && answer.statusCode() == 200 ? "" : new String(in.readAllBytes());
                return new Answer(answer.statusCode(), answer.headers().firstValue("Content-Type").orElse(""), text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static String fill(String template, Map<String, String> values) {
        String filled = template;
        for (var value : values.entrySet()) {
            filled = filled.replace(value.getKey(), value.getValue());
        }
        return filled;
    }

    private static JsonNode registerUser() {
        var answer = new JsonHttp().post(system.api("/api/v1/users"), Map.of("name", "Matrix Owner",
                "email", "matrix-owner-" + UUID.randomUUID() + "@example.com", "address", "1 Matrix Road",
                "initialCredit", 500));
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(201);
        return answer.body();
    }

    private static String placeOrder(String token, String user) {
        var http = new JsonHttp();
        http.signIn(token);
        var answer = http.post(system.api("/api/v1/orders"), Map.of("userId", user,
                "lines", List.of(Map.of("sku", "BOOK-DDD", "quantity", 1))));
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(202);
        return answer.body().path("id").asText();
    }

    private static JsonNode get(String token, String path) {
        var http = new JsonHttp();
        http.signIn(token);
        return http.get(system.api(path));
    }

    private static String token(String subject, List<String> permissions) {
        var answer = new JsonHttp().post(system.api("/dev/tokens"), Map.of("subject", subject,
                "permissions", permissions));
        assertThat(answer.status()).isEqualTo(200);
        return answer.body().get("token").asText();
    }
}
