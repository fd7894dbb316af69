package io.shopflow.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
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
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The order saga across every service, on the real platform: a thousand orders from twenty concurrent clients
 * while the payment provider declines a fifth of the charges and fails some more transiently. Whatever happens
 * to each order, the books must balance ({@link SagaBooks}): every order ends, a shipped order is charged exactly
 * once, a cancelled one is not charged (or refunded), and stock moved by exactly the shipped quantities. One client
 * erases themself while their orders are still under way: their orders end and balance like everyone else's, and
 * show them as erased.
 * Clients use the public API through the api-gateway, as real clients do; only the provider simulator's own
 * endpoints (not public) are called directly.
 */
@ExtendWith(SystemUnderTest.Shared.class)
class OrderSagaSystemTest {

    private static final int CLIENTS = 20;
    private static final int ORDERS_PER_CLIENT = 50;
    private static final double DECLINE_RATE = 0.2;
    private static final double TRANSIENT_FAILURE_RATE = 0.05;
    private static final int PLACEMENT_ATTEMPTS = 5;

    private static SystemUnderTest system;
    private static SagaBooks books;
    private final JsonHttp http = new JsonHttp();
    private final AtomicInteger refusedWhileBusy = new AtomicInteger();
    private final AtomicInteger refusedForStock = new AtomicInteger();

    @BeforeAll
    static void connect(SystemUnderTest running) {
        system = running;
        books = new SagaBooks(running);
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
        var stockBefore = books.stockBySku();
        var skus = new ArrayList<>(stockBefore.keySet());
        var users = new ArrayList<String>();
        for (int n = 0; n < CLIENTS; n++) {
            users.add(books.registerUser("Client " + n));
        }

        long started = System.nanoTime();
        var placed = placeOrdersConcurrently(users, skus);
        assertThat(placed.size() + refusedForStock.get()).isEqualTo(CLIENTS * ORDERS_PER_CLIENT);
        System.out.printf("%d orders accepted in %.1f s (%d answers 503 or 504 while busy, retried with the same key; %d "
                        + "refused by the gateway's stock check)%n", placed.size(), (System.nanoTime() - started) / 1e9,
                refusedWhileBusy.get(), refusedForStock.get());
        String erased = users.get(0);
        System.out.printf("Erasing client 0 with %d of their orders still under way%n", openOrdersOf(erased));
        eraseThemself(erased);
        var orders = books.awaitEveryOrderEnded(users, ORDERS_PER_CLIENT * 2);
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(orders.keySet()).containsExactlyInAnyOrderElementsOf(placed);
        books.awaitEveryPaymentSettled(orders.keySet());
        var outcome = books.assertBalanced(orders, stockBefore);
        var erasedUsersOrder = orders.values().stream().filter(order -> order.get("userId").asText().equals(erased))
                .findFirst().orElseThrow().get("id").asText();
        var details = http.get(api("/api/v1/orders/" + erasedUsersOrder + "/details"));
        assertThat(details.get("user").get("erased").asBoolean()).as("%s", details).isTrue();
        assertThat(details.get("user").has("name")).as("%s", details).isFalse();
        System.out.printf("%n%d orders from %d clients in %.1f s (%.0f orders/s end to end): %d shipped, %d cancelled"
                        + " (provider declining %.0f%%)%n%n", orders.size(), CLIENTS, seconds, orders.size() / seconds,
                outcome.shipped(), outcome.cancelled(), 100 * DECLINE_RATE);
        assertThat(outcome.shipped()).as("most orders get through").isGreaterThan(orders.size() / 2);
        assertThat(outcome.cancelled()).as("declines cancel orders").isGreaterThan(0);
    }

    /**
     * The gateway's own work on orders, against the real services: an order for an unknown user or sku (404, as
     * order-service itself answers) or more than the stock (409) is refused before order-service sees it, so nothing is placed; a user places and reads
     * only their own orders; the composed details carry the order, its user and (once scheduled) its shipment;
     * the user's personal-data export gathers every holder's rows; the merged OpenAPI document lists the public API
     * with what each operation needs.
     */
    @Test
    void the_gateway_checks_an_order_before_placing_it_and_keeps_each_order_to_its_owner() throws Exception {
        signIn();
        String user = books.registerUser("Client " + (CLIENTS + 1));
        var sku = books.stockBySku().values().stream()
                .max(Comparator.comparingInt(product -> product.get("available").asInt()))
                .orElseThrow().get("sku").asText();

        var unknownUser = http.post(api("/api/v1/orders"), Map.of("userId", UUID.randomUUID().toString(),
                "lines", List.of(Map.of("sku", sku, "quantity", 1))));
        assertThat(unknownUser.status()).as("%s", unknownUser.body()).isEqualTo(404);
        assertThat(unknownUser.body().get("type").asText()).isEqualTo("urn:shopflow:problem:unknown-user");
        var unknownSku = http.post(api("/api/v1/orders"), Map.of("userId", user,
                "lines", List.of(Map.of("sku", "../../etc", "quantity", 1))));
        assertThat(unknownSku.status()).as("%s", unknownSku.body()).isEqualTo(404);
        assertThat(unknownSku.body().get("type").asText()).isEqualTo("urn:shopflow:problem:unknown-product");
        assertThat(unknownSku.body().get("detail").asText()).isEqualTo("Not in the catalogue: ../../etc");
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

        var ended = new AtomicReference<JsonNode>();
        await("order " + orderId + " ended").atMost(SagaBooks.SAGA_PATIENCE).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    ended.set(owner.get(api("/api/v1/orders/" + orderId + "/details")));
                    assertThat(SagaBooks.terminal(ended.get().get("order"))).as("ended; its details: %s", ended.get())
                            .isTrue();
                });
        var details = ended.get();
        assertThat(details.get("user").get("id").asText()).isEqualTo(user);
        assertThat(details.get("partial").asBoolean()).as("%s", details).isFalse();
        if ("SHIPPED".equals(details.get("order").get("status").asText())) {
            assertThat(details.get("shipment").get("orderId").asText()).isEqualTo(orderId);
        }
        books.awaitEveryPaymentSettled(Set.of(orderId));

        // What the platform holds about them (their right of access), gathered from every holder over Kafka
        // request-reply: each holder's rows name the order.
        var export = owner.get(api("/api/v1/users/" + user + "/personal-data"));
        assertThat(export.get("user").get("id").asText()).isEqualTo(user);
        assertThat(export.get("notAnswered")).as("%s", export).isEmpty();
        assertThat(export.get("heldElsewhere").findValuesAsText("service")).as("%s", export)
                .containsExactly("order-service", "payment-service", "shipping-service", "notification-service");
        assertThat(export.get("heldElsewhere").get(0).get("records").findValuesAsText("id")).contains(orderId);
        assertThat(export.get("heldElsewhere").get(1).get("records").findValuesAsText("order_id")).contains(orderId);

        var publicApi = http.get(api("/openapi"));
        assertThat(publicApi.get("info").get("description").asText()).doesNotStartWith("Incomplete");
        assertThat(publicApi.get("paths").fieldNames()).toIterable().contains("/api/v1/orders", "/api/v1/orders/{id}",
                "/api/v2/orders/{id}", "/api/v1/orders/{id}/details", "/api/v1/users", "/api/v1/products");
        assertThat(publicApi.get("paths").get("/api/v1/users/{id}/credit").get("patch").get("description").asText())
                .contains("Needs the permission `admin:users`.");
    }

    /** The user erases themself, as anyone may (DELETE with their own token). */
    private void eraseThemself(String user) {
        var owner = new JsonHttp();
        owner.signIn(http.post(api("/dev/tokens"), Map.of("subject", user, "permissions", List.of())).body()
                .get("token").asText());
        assertThat(owner.delete(api("/api/v1/users/" + user)).status()).isEqualTo(204);
    }

    private long openOrdersOf(String user) {
        var orders = http.get(api("/api/v1/orders?userId=" + user + "&limit=" + ORDERS_PER_CLIENT));
        return StreamSupport.stream(orders.spliterator(), false)
                .filter(order -> !SagaBooks.terminal(order)).count();
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
     * when the answer is 503 (nothing was written) or 504 (the order may have been placed; the same key answers
     * with it instead of placing another, and the books would show a second one), after the Retry-After it names. Empty when the gateway's stock
     * check refused it (409): the limited skus run out during the run, and such an order is never placed.
     */
    private Optional<String> placeOrder(String user, List<Map<String, Object>> lines) throws InterruptedException {
        var key = UUID.randomUUID().toString();
        for (int attempt = 1; ; attempt++) {
            var answer = http.post(api("/api/v1/orders"), Map.of("userId", user, "lines", lines),
                    Map.of("Idempotency-Key", key));
            if ((answer.status() == 503 || answer.status() == 504) && attempt < PLACEMENT_ATTEMPTS) {
                refusedWhileBusy.incrementAndGet();
                // The pause the answer asks of its client (Retry-After), not a wait for something under test.
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
}
