package io.shopflow.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The order saga across every service, on the real platform: a thousand orders from twenty concurrent clients
 * while the payment provider declines a fifth of the charges and fails some more transiently. Whatever happens
 * to each order, the books must balance: every order ends, a confirmed order is charged exactly once, a cancelled
 * one is not charged (or refunded), and stock moved by exactly the confirmed quantities with nothing left reserved.
 * Clients use the public API through the api-gateway, as real clients do; only the provider simulator's own
 * endpoints (not public) are called directly.
 */
@ExtendWith(SystemUnderTest.Shared.class)
class OrderSagaSystemTest {

    private static final int CLIENTS = 20;
    private static final int ORDERS_PER_CLIENT = 50;
    private static final double DECLINE_RATE = 0.2;
    private static final double TRANSIENT_FAILURE_RATE = 0.05;
    private static final Duration SAGA_PATIENCE = Duration.ofMinutes(5);
    private static final int PLACEMENT_ATTEMPTS = 5;
    private static final Set<String> TERMINAL = Set.of("SHIPPED", "CANCELLED");
    private static final Set<String> UNSETTLED_PAYMENTS = Set.of("PENDING", "VOID_PENDING", "REFUND_PENDING");

    private static SystemUnderTest system;
    private final JsonHttp http = new JsonHttp();
    private final AtomicInteger refusedWhileBusy = new AtomicInteger();
    private final AtomicInteger refusedForStock = new AtomicInteger();

    @BeforeAll
    static void connect(SystemUnderTest running) {
        system = running;
    }

    /**
     * Signs the clients in with a development token from the gateway (./platform turns those on), allowed to place
     * and read orders of any user: the test acts for all twenty clients.
     */
    private void signIn() {
        var token = http.post(api("/dev/tokens"), Map.of("subject", "system-test",
                "permissions", List.of("orders:read", "orders:write", "admin:orders")));
        assertThat(token.status()).isEqualTo(200);
        http.signIn(token.body().get("token").asText());
    }

    private URI api(String path) {
        return system.api(path);
    }

    private URI direct(String service, String path) {
        return system.direct(service, path);
    }

    @Test
    void a_thousand_concurrent_orders_end_with_balanced_books_while_the_provider_declines_a_fifth() throws Exception {
        var behaviour = http.put(direct("payment-provider", "/admin/behaviour"),
                Map.of("latencyMs", 5, "failureRate", TRANSIENT_FAILURE_RATE, "declineRate", DECLINE_RATE));
        assertThat(behaviour.status()).isEqualTo(200);
        signIn();
        var stockBefore = stockBySku();
        var skus = new ArrayList<>(stockBefore.keySet());
        var users = new ArrayList<String>();
        for (int n = 0; n < CLIENTS; n++) {
            users.add(registerUser(n));
        }

        long started = System.nanoTime();
        var placed = placeOrdersConcurrently(users, skus);
        assertThat(placed.size() + refusedForStock.get()).isEqualTo(CLIENTS * ORDERS_PER_CLIENT);
        System.out.printf("%d orders accepted in %.1f s (%d answers 503 while busy, retried with the same key; %d "
                        + "refused by the gateway's stock check)%n", placed.size(), (System.nanoTime() - started) / 1e9,
                refusedWhileBusy.get(), refusedForStock.get());
        var orders = awaitEveryOrderTerminal(users, placed.size());
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(orders.keySet()).containsExactlyInAnyOrderElementsOf(placed);
        awaitEveryPaymentSettled(orders.keySet());
        var charges = chargesByReference();
        var confirmedQuantities = new HashMap<String, Integer>();
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
                order.get("lines").forEach(line -> confirmedQuantities.merge(line.get("sku").asText(),
                        line.get("quantity").asInt(), Integer::sum));
            } else if (payment != null) {
                var charged = charges.getOrDefault(payment.get("id").asText(), List.of());
                assertThat(charged).as("charges of cancelled order %s", order.get("id"))
                        .allSatisfy(charge -> assertThat(charge.get("refunded").asBoolean()).isTrue());
            }
        }
        var stockAfter = stockBySku();
        stockBefore.forEach((sku, before) -> {
            var after = stockAfter.get(sku);
            assertThat(after.get("onHand").asInt()).as("on hand of %s", sku)
                    .isEqualTo(before.get("onHand").asInt() - confirmedQuantities.getOrDefault(sku, 0));
            assertThat(after.get("reserved").asInt()).as("still reserved of %s", sku).isZero();
        });
        int cancelled = orders.size() - shipped;
        System.out.printf("%n%d orders from %d clients in %.1f s (%.0f orders/s end to end): %d shipped, %d cancelled"
                        + " (provider declining %.0f%%)%n%n", orders.size(), CLIENTS, seconds, orders.size() / seconds,
                shipped, cancelled, 100 * DECLINE_RATE);
        assertThat(shipped).as("most orders get through").isGreaterThan(orders.size() / 2);
        assertThat(cancelled).as("declines cancel orders").isGreaterThan(0);
    }

    /**
     * The gateway's own work on orders, against the real services: an order for an unknown user (400) or more
     * than the stock (409) is refused before order-service sees it, so nothing is placed; a user places and reads
     * only their own orders; the composed details carry the order, its user and (once scheduled) its shipment;
     * the merged OpenAPI document lists the public API with what each operation needs.
     */
    @Test
    void the_gateway_checks_an_order_before_placing_it_and_keeps_each_order_to_its_owner() throws Exception {
        signIn();
        String user = registerUser(CLIENTS + 1);
        var sku = stockBySku().values().stream()
                .max(Comparator.comparingInt(product -> product.get("available").asInt()))
                .orElseThrow().get("sku").asText();

        var unknownUser = http.post(api("/api/v1/orders"), Map.of("userId", UUID.randomUUID().toString(),
                "lines", List.of(Map.of("sku", sku, "quantity", 1))));
        assertThat(unknownUser.status()).as("%s", unknownUser.body()).isEqualTo(400);
        assertThat(unknownUser.body().get("errors").get(0).get("field").asText()).isEqualTo("userId");
        var tooMany = http.post(api("/api/v1/orders"), Map.of("userId", user,
                "lines", List.of(Map.of("sku", sku, "quantity", 1_000_000))));
        assertThat(tooMany.status()).as("%s", tooMany.body()).isEqualTo(409);
        assertThat(http.get(api("/api/v1/orders?userId=" + user))).as("nothing placed").isEmpty();

        var owner = new JsonHttp();
        owner.signIn(http.post(api("/dev/tokens"), Map.of("subject", user,
                "permissions", List.of("orders:read", "orders:write"))).body().get("token").asText());
        var forSomeoneElse = owner.post(api("/api/v1/orders"), Map.of("userId", UUID.randomUUID().toString(),
                "lines", List.of(Map.of("sku", sku, "quantity", 1))));
        assertThat(forSomeoneElse.status()).isEqualTo(403);
        var placed = owner.post(api("/api/v1/orders"), Map.of("userId", user,
                "lines", List.of(Map.of("sku", sku, "quantity", 1))));
        assertThat(placed.status()).as("%s", placed.body()).isEqualTo(202);
        String orderId = placed.body().get("id").asText();

        var stranger = new JsonHttp();
        stranger.signIn(http.post(api("/dev/tokens"), Map.of("subject", UUID.randomUUID().toString(),
                "permissions", List.of("orders:read"))).body().get("token").asText());
        assertThat(stranger.ask(api("/api/v1/orders/" + orderId)).status()).isEqualTo(403);
        assertThat(stranger.ask(api("/api/v1/orders/" + orderId + "/details")).status()).isEqualTo(403);

        long deadline = System.nanoTime() + SAGA_PATIENCE.toNanos();
        JsonNode details;
        do {
            Thread.sleep(500);
            details = owner.get(api("/api/v1/orders/" + orderId + "/details"));
            assertThat(System.nanoTime()).as("order %s still open", orderId).isLessThan(deadline);
        } while (!TERMINAL.contains(details.get("order").get("status").asText()));
        assertThat(details.get("user").get("id").asText()).isEqualTo(user);
        assertThat(details.get("partial").asBoolean()).as("%s", details).isFalse();
        if ("SHIPPED".equals(details.get("order").get("status").asText())) {
            assertThat(details.get("shipment").get("orderId").asText()).isEqualTo(orderId);
        }
        awaitEveryPaymentSettled(Set.of(orderId));

        var publicApi = http.get(api("/openapi"));
        assertThat(publicApi.get("info").get("description").asText()).doesNotStartWith("Incomplete");
        assertThat(publicApi.get("paths").fieldNames()).toIterable().contains("/api/v1/orders", "/api/v1/orders/{id}",
                "/api/v2/orders/{id}", "/api/v1/orders/{id}/details", "/api/v1/users", "/api/v1/products");
        assertThat(publicApi.get("paths").get("/api/v1/users/{id}/credit").get("patch").get("description").asText())
                .contains("Needs the permission `admin:users`.");
    }

    private Map<String, JsonNode> stockBySku() {
        var stock = new HashMap<String, JsonNode>();
        http.get(api("/api/v1/products")).forEach(product ->
                stock.put(product.get("sku").asText(), product));
        return stock;
    }

    private String registerUser(int n) {
        var answer = http.post(api("/api/v1/users"), Map.of(
                "name", "Client " + n, "email", "client-" + n + "-" + UUID.randomUUID() + "@example.com",
                "address", n + " Saga Street, Springfield", "initialCredit", 1000));
        assertThat(answer.status()).as("registering user %d: %s", n, answer.body()).isEqualTo(201);
        return answer.body().get("id").asText();
    }

    private List<String> placeOrdersConcurrently(List<String> users, List<String> skus) throws Exception {
        var placed = new ConcurrentLinkedQueue<String>();
        var clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            var work = new ArrayList<Future<?>>();
            for (var user : users) {
                work.add(clients.submit(() -> {
                    for (int n = 0; n < ORDERS_PER_CLIENT; n++) {
                        placeOrder(user, randomLines(skus)).ifPresent(placed::add);
                    }
                    return null;
                }));
            }
            for (var client : work) {
                client.get();
            }
        } finally {
            clients.shutdownNow();
        }
        return List.copyOf(placed);
    }

    /**
     * Places one order as a careful client does: with an Idempotency-Key, and trying again with the same key
     * when the answer is 503 (nothing was written), after the Retry-After it names. Empty when the gateway's stock
     * check refused it (409): the limited skus run out during the run, and such an order is never placed.
     */
    private Optional<String> placeOrder(String user, List<Map<String, Object>> lines) throws InterruptedException {
        var key = UUID.randomUUID().toString();
        for (int attempt = 1; ; attempt++) {
            var answer = http.post(api("/api/v1/orders"), Map.of("userId", user, "lines", lines),
                    Map.of("Idempotency-Key", key));
            if (answer.status() == 503 && attempt < PLACEMENT_ATTEMPTS) {
                refusedWhileBusy.incrementAndGet();
                Thread.sleep(Duration.ofSeconds(answer.retryAfterSeconds()).toMillis());
                continue;
            }
            if (answer.status() == 409) {
                assertThat(answer.body().get("type").asText()).isEqualTo("urn:shopflow:problem:insufficient-stock");
                refusedForStock.incrementAndGet();
                return Optional.empty();
            }
            assertThat(answer.status()).as("placing an order: %s", answer.body()).isEqualTo(202);
            return Optional.of(answer.body().get("id").asText());
        }
    }

    private static List<Map<String, Object>> randomLines(List<String> skus) {
        var random = ThreadLocalRandom.current();
        var chosen = new ArrayList<>(skus);
        java.util.Collections.shuffle(chosen, random);
        var lines = new ArrayList<Map<String, Object>>();
        for (var sku : chosen.subList(0, 1 + random.nextInt(3))) {
            lines.add(Map.of("sku", sku, "quantity", 1 + random.nextInt(3)));
        }
        return lines;
    }

    /** Every user's orders, once all of them are SHIPPED or CANCELLED; fails after the saga's patience. */
    private Map<String, JsonNode> awaitEveryOrderTerminal(List<String> users, int placed) throws InterruptedException {
        long deadline = System.nanoTime() + SAGA_PATIENCE.toNanos();
        while (true) {
            var orders = new HashMap<String, JsonNode>();
            for (var user : users) {
                http.get(api("/api/v1/orders?limit=" + ORDERS_PER_CLIENT * 2 + "&userId=" + user))
                        .forEach(order -> orders.put(order.get("id").asText(), order));
            }
            long open = orders.values().stream().filter(order -> !TERMINAL.contains(order.get("status").asText())).count();
            if (open == 0 && orders.size() == placed) {
                return orders;
            }
            assertThat(System.nanoTime()).as("%d orders still open: %s", open, openStatuses(orders)).isLessThan(deadline);
            Thread.sleep(2000);
        }
    }

    /**
     * Compensation runs after an order ends: a cancelled order's charge is refunded, or a payment given up on is
     * checked with the provider, a moment later. Waits until no payment is still on its way.
     */
    private void awaitEveryPaymentSettled(Set<String> orderIds) throws InterruptedException {
        long deadline = System.nanoTime() + SAGA_PATIENCE.toNanos();
        while (true) {
            var unsettled = orderIds.stream().map(this::paymentOf)
                    .filter(payment -> payment != null && UNSETTLED_PAYMENTS.contains(payment.get("status").asText()))
                    .count();
            if (unsettled == 0) {
                return;
            }
            assertThat(System.nanoTime()).as("%d payments not settled", unsettled).isLessThan(deadline);
            Thread.sleep(2000);
        }
    }

    private static Map<String, Long> openStatuses(Map<String, JsonNode> orders) {
        return orders.values().stream().map(order -> order.get("status").asText())
                .filter(status -> !TERMINAL.contains(status))
                .collect(Collectors.groupingBy(status -> status, Collectors.counting()));
    }

    private Map<String, List<JsonNode>> chargesByReference() {
        var charges = new HashMap<String, List<JsonNode>>();
        http.get(direct("payment-provider", "/v1/charges")).forEach(charge ->
                charges.computeIfAbsent(charge.get("reference").asText(), r -> new ArrayList<>()).add(charge));
        return charges;
    }

    /** The order's payment, or null when it never got one (stock was rejected). */
    private JsonNode paymentOf(String orderId) {
        var payments = http.get(api("/api/v1/payments?orderId=" + orderId));
        assertThat(payments.size()).as("payments of %s", orderId).isLessThanOrEqualTo(1);
        return payments.isEmpty() ? null : payments.get(0);
    }
}
