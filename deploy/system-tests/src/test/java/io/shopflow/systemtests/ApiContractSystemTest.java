package io.shopflow.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopflow.systemtests.OpenApiContract.Exchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The public OpenAPI document is the contract: every public operation, called through the gateway on the real
 * platform, answers what the document says, for its success and for the refusals a client meets (400, 401, 403,
 * 404, 409, 422 where they apply). Each answer's status, content type and body are checked against the document
 * ({@link OpenApiContract}), each call is made to get the status it expects, and an operation of the document that
 * no call reaches fails the test too, so a new operation is checked as soon as it is published.
 */
@ExtendWith(SystemUnderTest.Shared.class)
class ApiContractSystemTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String SKU = "BOOK-DDD";
    /** The seed's scarce product: an order for one more than is left is refused for stock, not for its size. */
    private static final String SCARCE_SKU = "LAMP-LIMITED";
    private static final String NO_ORDER = UUID.randomUUID().toString();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static SystemUnderTest system;
    private static JsonNode document;
    private static OpenApiContract contract;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();
    private final List<String> violations = new ArrayList<>();
    /** Per operation, the statuses it was seen to answer as documented. */
    private final Map<String, Set<Integer>> covered = new TreeMap<>();

    @BeforeAll
    static void readTheDocument(SystemUnderTest running) {
        system = running;
        document = ApiDocuments.publicDocument(system);
        contract = new OpenApiContract(document);
    }

    @Test
    void every_public_operation_answers_as_the_public_document_says() {
        String admin = token("contract-admin", List.of("orders:read", "orders:write", "admin:orders", "admin:users",
                "admin:platform"));
        String stranger = token(UUID.randomUUID().toString(), List.of("orders:read", "orders:write"));

        callsToThePaymentProvider(admin, stranger);
        String user = callsToUsers(admin, stranger);
        String owner = token(user, List.of("orders:read", "orders:write"));
        int scarceLeft = callsToProducts();
        String order = callsToOrders(user, owner, admin, stranger, scarceLeft);
        callsToPaymentsShipmentsAndNotifications(user, order, owner, admin, stranger);
        callsToLiveViews(user, owner, admin, stranger);

        System.out.printf("%nThe public API against its document, statuses seen per operation:%n%s%n", covered);
        assertThat(violations).as("answers that disagree with the public document").isEmpty();
        assertThat(covered.keySet()).as("operations called").containsExactlyInAnyOrderElementsOf(operationIds());
    }

    /** First, so that the order placed later goes through as it does by default. */
    private void callsToThePaymentProvider(String admin, String stranger) {
        String path = "/api/v1/admin/payment-provider/behaviour";
        call("setPaymentProviderBehaviour", 200, admin, "PUT", path, "{\"latencyMs\":20,\"failureRate\":0,"
                + "\"declineRate\":0}");
        call("setPaymentProviderBehaviour", 400, admin, "PUT", path, "{\"latencyMs\":-1,\"failureRate\":0,"
                + "\"declineRate\":0}");
        call("setPaymentProviderBehaviour", 403, stranger, "PUT", path, "{\"latencyMs\":20}");
        call("getPaymentProviderBehaviour", 200, admin, "GET", path, null);
        call("getPaymentProviderBehaviour", 403, stranger, "GET", path, null);
    }

    /** Registers a user and returns their id. */
    private String callsToUsers(String admin, String stranger) {
        String email = "contract-" + UUID.randomUUID() + "@example.com";
        String newUser = "{\"name\":\"Contract Tester\",\"email\":\"" + email + "\",\"address\":\"1 Spec Street\","
                + "\"initialCredit\":10}";
        String user = call("registerUser", 201, null, "POST", "/api/v1/users", newUser).path("id").asText();
        call("registerUser", 409, null, "POST", "/api/v1/users", newUser);
        call("registerUser", 400, null, "POST", "/api/v1/users", "{\"name\":\"No Email\"}");
        call("registerUser", 401, "x.y.z", "POST", "/api/v1/users", newUser.replace(email, "x" + email));

        String owner = token(user, List.of());
        String path = "/api/v1/users/" + user;
        call("getUser", 200, owner, "GET", path, null);
        call("getUser", 401, null, "GET", path, null);
        call("getUser", 403, stranger, "GET", path, null);
        call("getUser", 404, admin, "GET", "/api/v1/users/" + UUID.randomUUID(), null);
        call("getUser", 400, admin, "GET", "/api/v1/users/not-a-uuid", null);
        call("replaceUser", 200, owner, "PUT", path, "{\"name\":\"Contract Tester\",\"email\":\"" + email
                + "\",\"address\":\"2 Spec Street\"}");
        call("replaceUser", 400, owner, "PUT", path, "{\"name\":\"Contract Tester\"}");
        call("changeUser", 200, owner, "PATCH", path, "{\"address\":\"3 Spec Street\"}");
        call("changeUser", 400, owner, "PATCH", path, "{");
        call("adjustUserCredit", 200, admin, "PATCH", path + "/credit", "{\"amount\":1.50}");
        call("adjustUserCredit", 409, admin, "PATCH", path + "/credit", "{\"amount\":-1000000}");
        call("adjustUserCredit", 403, owner, "PATCH", path + "/credit", "{\"amount\":1.50}");
        call("exportPersonalData", 200, owner, "GET", path + "/personal-data", null);
        call("exportPersonalData", 403, stranger, "GET", path + "/personal-data", null);
        call("exportPersonalData", 404, admin, "GET", "/api/v1/users/" + UUID.randomUUID() + "/personal-data", null);
        call("exportPersonalData", 400, admin, "GET", "/api/v1/users/not-a-uuid/personal-data", null);
        callsToErasure(admin, stranger);
        return user;
    }

    /** On a user of its own: the one returned above places an order later. */
    private void callsToErasure(String admin, String stranger) {
        String erased = call("registerUser", 201, null, "POST", "/api/v1/users", "{\"name\":\"Erased Tester\","
                + "\"email\":\"erased-" + UUID.randomUUID() + "@example.com\",\"address\":\"4 Spec Street\"}")
                .path("id").asText();
        String path = "/api/v1/users/" + erased;
        call("eraseUser", 403, stranger, "DELETE", path, null);
        call("eraseUser", 204, token(erased, List.of()), "DELETE", path, null);
        call("eraseUser", 204, admin, "DELETE", path, null);
        call("getUser", 404, admin, "GET", path, null);
        call("eraseUser", 404, admin, "DELETE", "/api/v1/users/" + UUID.randomUUID(), null);
        call("eraseUser", 400, admin, "DELETE", "/api/v1/users/not-a-uuid", null);
    }

    /** Returns how many of {@link #SCARCE_SKU} are left. */
    private int callsToProducts() {
        call("listProducts", 200, null, "GET", "/api/v1/products", null);
        call("getProduct", 404, null, "GET", "/api/v1/products/NO-SUCH-SKU", null);
        return call("getProduct", 200, null, "GET", "/api/v1/products/" + SCARCE_SKU, null).path("available")
                .asInt();
    }

    /** Places an order for {@code user} and returns its id. */
    private String callsToOrders(String user, String owner, String admin, String stranger, int scarceLeft) {
        String key = UUID.randomUUID().toString();
        String order = call("placeOrder", 202, owner, "POST", "/api/v1/orders", orderOf(user, SKU, 1), key)
                .path("id").asText();
        call("placeOrder", 422, owner, "POST", "/api/v1/orders", orderOf(user, SKU, 2), key);
        call("placeOrder", 409, owner, "POST", "/api/v1/orders", orderOf(user, SCARCE_SKU, scarceLeft + 1), null);
        call("placeOrder", 403, owner, "POST", "/api/v1/orders", orderOf(UUID.randomUUID().toString(), SKU, 1), null);
        call("placeOrder", 404, admin, "POST", "/api/v1/orders", orderOf(UUID.randomUUID().toString(), SKU, 1),
                null);
        call("placeOrder", 404, owner, "POST", "/api/v1/orders", orderOf(user, "NO-SUCH-SKU", 1), null);
        call("placeOrder", 400, owner, "POST", "/api/v1/orders",
                "{\"userId\":\"" + user + "\",\"lines\":[{\"sku\":\"" + SKU + "\",\"quantity\":1.9}]}", null);
        call("placeOrder", 401, null, "POST", "/api/v1/orders", orderOf(user, SKU, 1), null);

        call("listOrders", 200, owner, "GET", "/api/v1/orders?userId=" + user, null);
        call("listOrders", 400, owner, "GET", "/api/v1/orders?userId=" + user + "&limit=0", null);
        call("listOrders", 403, stranger, "GET", "/api/v1/orders?userId=" + user, null);
        for (String operation : List.of("getOrder", "getOrderV2", "getOrderDetails")) {
            String path = switch (operation) {
                case "getOrderV2" -> "/api/v2/orders/" + order;
                case "getOrderDetails" -> "/api/v1/orders/" + order + "/details";
                default -> "/api/v1/orders/" + order;
            };
            call(operation, 200, owner, "GET", path, null);
            call(operation, 403, stranger, "GET", path, null);
            call(operation, 404, admin, "GET", path.replace(order, NO_ORDER), null);
        }
        call("getOrder", 401, null, "GET", "/api/v1/orders/" + order, null);
        return order;
    }

    /** The order's payment and shipment once the saga has made them (it ships with the provider as set above). */
    private void callsToPaymentsShipmentsAndNotifications(String user, String order, String owner, String admin,
                                                          String stranger) {
        await().atMost(SagaBooks.SAGA_PATIENCE).pollInterval(Duration.ofMillis(500)).until(() ->
                "SHIPPED".equals(get(owner, "/api/v1/orders/" + order).path("status").asText()));
        String payment = callsToTheOrdersObject("Payment", "payments", order, owner, stranger);
        call("getPayment", 200, admin, "GET", "/api/v1/payments/" + payment, null);
        callsToTheOrdersObject("Shipment", "shipments", order, owner, stranger);

        call("listNotifications", 200, owner, "GET", "/api/v1/notifications?userId=" + user, null);
        call("listNotifications", 403, owner, "GET", "/api/v1/notifications", null);
        call("listNotifications", 400, admin, "GET", "/api/v1/notifications", null);
    }

    /**
     * The find-by-order and get operations of the order's {@code type} of object (a payment, a shipment), which
     * only its owner may read; returns the object's id.
     */
    private String callsToTheOrdersObject(String type, String collection, String order, String owner, String stranger) {
        String byOrder = "/api/v1/" + collection + "?orderId=" + order;
        String id = call("find" + type + "s", 200, owner, "GET", byOrder, null).path(0).path("id").asText();
        call("find" + type + "s", 400, owner, "GET", "/api/v1/" + collection, null);
        call("find" + type + "s", 403, stranger, "GET", byOrder, null);
        call("get" + type, 200, owner, "GET", "/api/v1/" + collection + "/" + id, null);
        call("get" + type, 403, stranger, "GET", "/api/v1/" + collection + "/" + id, null);
        call("get" + type, 404, owner, "GET", "/api/v1/" + collection + "/" + UUID.randomUUID(), null);
        return id;
    }

    private void callsToLiveViews(String user, String owner, String admin, String stranger) {
        stream("watchOrders", 200, owner, "/api/v1/orders/live?userId=" + user + "&recent=1");
        stream("watchOrders", 400, owner, "/api/v1/orders/live?userId=" + user + "&recent=500");
        stream("watchOrders", 403, stranger, "/api/v1/orders/live?userId=" + user);
        stream("watchOrders", 401, null, "/api/v1/orders/live?userId=" + user);
        stream("watchPlatformStatus", 200, admin, "/api/v1/platform/status");
        stream("watchPlatformStatus", 403, owner, "/api/v1/platform/status");
    }

    private static String orderOf(String user, String sku, int quantity) {
        return "{\"userId\":\"" + user + "\",\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}]}";
    }

    private JsonNode call(String operationId, int expected, String token, String method, String path, String body) {
        return call(operationId, expected, token, method, path, body, null);
    }

    /**
     * Sends the request, checks the answer against the document and that it has the {@code expected} status, and
     * returns its body (a missing node when it has none).
     */
    private JsonNode call(String operationId, int expected, String token, String method, String path, String body,
                          String idempotencyKey) {
        var request = request(token, path).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        var answer = send(request.build(), HttpResponse.BodyHandlers.ofString());
        check(operationId, expected, Exchange.of(answer));
        try {
            return answer.body().isEmpty() ? JSON.missingNode() : JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server-sent event stream: its status and content type are checked, then it is closed unread. */
    private void stream(String operationId, int expected, String token, String path) {
        var answer = send(request(token, path).setHeader("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (var body = answer.body()) {
            String text = answer.statusCode() == 200 ? "" : new String(body.readAllBytes());
            var request = answer.request();
            check(operationId, expected, new Exchange(request.method(), request.uri().getRawPath(),
                    answer.statusCode(), answer.headers().firstValue("Content-Type").orElse(""), text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void check(String operationId, int expected, Exchange exchange) {
        var found = contract.violations(operationId, exchange);
        violations.addAll(found);
        if (exchange.status() != expected) {
            violations.add(exchange + " (" + operationId + "): expected " + expected + ": " + exchange.body());
        } else if (found.isEmpty()) {
            covered.computeIfAbsent(operationId, id -> new TreeSet<>()).add(exchange.status());
        }
    }

    private JsonNode get(String token, String path) {
        var answer = send(request(token, path).GET().build(), HttpResponse.BodyHandlers.ofString());
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest.Builder request(String token, String path) {
        var request = HttpRequest.newBuilder(system.api(path)).timeout(TIMEOUT).header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return client.send(request, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static String token(String subject, List<String> permissions) {
        var answer = new JsonHttp().post(system.api("/dev/tokens"), Map.of("subject", subject,
                "permissions", permissions));
        assertThat(answer.status()).isEqualTo(200);
        return answer.body().get("token").asText();
    }

    private static Set<String> operationIds() {
        var ids = new TreeSet<String>();
        document.path("paths").forEach(path -> path.forEach(operation -> {
            if (operation.has("operationId")) {
                ids.add(operation.get("operationId").asText());
            }
        }));
        return ids;
    }
}
