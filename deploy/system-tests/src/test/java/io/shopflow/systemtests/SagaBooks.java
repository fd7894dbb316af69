package io.shopflow.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the order saga must leave behind, read through the public API and the provider simulator's books: every
 * order ends (SHIPPED or CANCELLED), a shipped order is charged exactly once, a cancelled one is not charged (or
 * refunded), and stock moved by exactly the shipped quantities with nothing left reserved. Signed in as an admin.
 */
final class SagaBooks {

    /**
     * How long the saga may take to end what a test placed: a thousand orders end in about half a minute at the
     * saga's 37 orders/s on two cores; the rest is room for a loaded machine and for recovering from the chaos
     * suite's faults.
     */
    static final Duration SAGA_PATIENCE = Duration.ofMinutes(5);
    private static final Set<String> TERMINAL = Set.of("SHIPPED", "CANCELLED");
    private static final Set<String> UNSETTLED_PAYMENTS = Set.of("PENDING", "VOID_PENDING", "REFUND_PENDING");
    /** A look at every user's orders is dozens of requests: not so often that it loads the platform under test. */
    private static final Duration POLL_INTERVAL = Duration.ofSeconds(2);

    /** How the orders ended. */
    record Outcome(int shipped, int cancelled) {
    }

    private final SystemUnderTest system;
    private final JsonHttp http = new JsonHttp();

    SagaBooks(SystemUnderTest system) {
        this.system = system;
        var token = http.post(system.api("/dev/tokens"), Map.of("subject", "books-" + UUID.randomUUID(),
                "permissions", List.of("orders:read", "orders:write", "admin:orders", "admin:users")));
        assertThat(token.status()).isEqualTo(200);
        http.signIn(token.body().get("token").asText());
    }

    static boolean terminal(JsonNode order) {
        return TERMINAL.contains(order.get("status").asText());
    }

    String registerUser(String name) {
        var answer = http.post(system.api("/api/v1/users"), Map.of(
                "name", name, "email", "client-" + UUID.randomUUID() + "@example.com",
                "address", "1 Saga Street, Springfield", "initialCredit", 1_000_000));
        assertThat(answer.status()).as("registering %s: %s", name, answer.body()).isEqualTo(201);
        return answer.body().get("id").asText();
    }

    /** A token of an admin who may place and read anyone's orders, for the test's clients. */
    String adminToken() {
        var token = http.post(system.api("/dev/tokens"), Map.of("subject", "client-" + UUID.randomUUID(),
                "permissions", List.of("orders:read", "orders:write", "admin:orders")));
        return token.body().get("token").asText();
    }

    Map<String, JsonNode> stockBySku() {
        var stock = new HashMap<String, JsonNode>();
        http.get(system.api("/api/v1/products")).forEach(product -> stock.put(product.get("sku").asText(), product));
        return stock;
    }

    /**
     * The users' orders (at most {@code perUser} each), once all have ended; fails after the saga's patience, naming
     * how many are still open in which status.
     */
    Map<String, JsonNode> awaitEveryOrderEnded(Collection<String> users, int perUser) {
        var orders = new AtomicReference<Map<String, JsonNode>>();
        await("every order ended").atMost(SAGA_PATIENCE).pollDelay(Duration.ZERO).pollInterval(POLL_INTERVAL)
                .untilAsserted(() -> {
                    orders.set(ordersOf(users, perUser));
                    assertThat(byStatus(orders.get().values().stream().filter(order -> !terminal(order))))
                            .as("orders still open, by status").isEmpty();
                });
        return orders.get();
    }

    private Map<String, JsonNode> ordersOf(Collection<String> users, int perUser) {
        var orders = new HashMap<String, JsonNode>();
        for (var user : users) {
            http.get(system.api("/api/v1/orders?limit=" + perUser + "&userId=" + user))
                    .forEach(order -> orders.put(order.get("id").asText(), order));
        }
        return orders;
    }

    /**
     * Compensation runs after an order ends: a cancelled order's charge is refunded, or a payment given up on is
     * checked with the provider, a moment later. Waits until no payment is still on its way; fails after the saga's
     * patience, naming how many are unsettled in which status.
     */
    void awaitEveryPaymentSettled(Collection<String> orderIds) {
        await("every payment settled").atMost(SAGA_PATIENCE).pollDelay(Duration.ZERO).pollInterval(POLL_INTERVAL)
                .untilAsserted(() -> assertThat(byStatus(orderIds.stream().map(this::paymentOf).filter(payment ->
                        payment != null && UNSETTLED_PAYMENTS.contains(payment.get("status").asText()))))
                        .as("payments not settled, by status").isEmpty());
    }

    private static Map<String, Long> byStatus(Stream<JsonNode> ordersOrPayments) {
        return ordersOrPayments.collect(Collectors.groupingBy(each -> each.get("status").asText(),
                Collectors.counting()));
    }

    /**
     * Checks the money and the stock of {@code orders}, all ended and their payments settled, against the stock
     * before they were placed (no other orders may have moved it meanwhile).
     */
    Outcome assertBalanced(Map<String, JsonNode> orders, Map<String, JsonNode> stockBefore) {
        var charges = chargesByReference();
        var shippedQuantities = new HashMap<String, Integer>();
        int shipped = 0;
        for (var order : orders.values()) {
            var payment = paymentOf(order.get("id").asText());
            if ("SHIPPED".equals(order.get("status").asText())) {
                shipped++;
                assertThat(payment).as("payment of shipped order %s", order.get("id")).isNotNull();
                assertThat(payment.get("status").asText()).isEqualTo("COMPLETED");
                var charged = charges.getOrDefault(payment.get("id").asText(), List.of());
                assertThat(charged).as("charges of shipped order %s", order.get("id")).hasSize(1);
                assertThat(charged.get(0).get("refunded").asBoolean()).isFalse();
                order.get("lines").forEach(line -> shippedQuantities.merge(line.get("sku").asText(),
                        line.get("quantity").asInt(), Integer::sum));
            } else if (payment != null) {
                var charged = charges.getOrDefault(payment.get("id").asText(), List.of());
                assertThat(charged).as("charges of cancelled order %s", order.get("id"))
                        .allSatisfy(charge -> assertThat(charge.get("refunded").asBoolean()).isTrue());
            }
        }
        var stockAfter = awaitNothingReserved();
        stockBefore.forEach((sku, before) -> {
            var after = stockAfter.get(sku);
            assertThat(after.get("onHand").asInt()).as("on hand of %s", sku)
                    .isEqualTo(before.get("onHand").asInt() - shippedQuantities.getOrDefault(sku, 0));
            assertThat(after.get("reserved").asInt()).as("still reserved of %s", sku).isZero();
        });
        return new Outcome(shipped, orders.size() - shipped);
    }

    /**
     * The stock once inventory-service has finished with every reservation. An order ends (SHIPPED or CANCELLED)
     * on events that reach order-service and inventory-service separately, so inventory may still be committing
     * or releasing an ended order's stock a moment later; fails after the saga's patience.
     */
    private Map<String, JsonNode> awaitNothingReserved() {
        var stock = new AtomicReference<Map<String, JsonNode>>();
        await("nothing reserved").atMost(SAGA_PATIENCE).pollInterval(POLL_INTERVAL)
                .until(() -> {
                    stock.set(stockBySku());
                    return stock.get().values().stream().allMatch(product -> product.get("reserved").asInt() == 0);
                });
        return stock.get();
    }

    private Map<String, List<JsonNode>> chargesByReference() {
        var charges = new HashMap<String, List<JsonNode>>();
        http.get(system.direct("payment-provider", "/v1/charges")).forEach(charge ->
                charges.computeIfAbsent(charge.get("reference").asText(), r -> new ArrayList<>()).add(charge));
        return charges;
    }

    /** The order's payment, or null when it never got one (stock was rejected). */
    private JsonNode paymentOf(String orderId) {
        var payments = http.get(system.api("/api/v1/payments?orderId=" + orderId));
        assertThat(payments.size()).as("payments of %s", orderId).isLessThanOrEqualTo(1);
        return payments.isEmpty() ? null : payments.get(0);
    }
}
