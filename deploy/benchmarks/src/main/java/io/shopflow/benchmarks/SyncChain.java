package io.shopflow.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The baseline the event-driven saga is measured against: the seeds' synchronous {@code create_order}, one HTTP call
 * after another on the same running services: the user checked at user-service, the stock at inventory-service,
 * then the card charged at the payment provider. It writes no order, reserves nothing and compensates nothing, so
 * it does less than the saga; an order is placed only if all three calls answered 2xx.
 */
final class SyncChain {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI users;
    private final URI products;
    private final URI charges;
    private final List<String> userIds;
    private final List<String> skus;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();

    SyncChain(URI userService, URI inventoryService, URI paymentProvider, List<String> userIds, List<String> skus) {
        this.users = userService.resolve("/api/v1/users/");
        this.products = inventoryService.resolve("/api/v1/products/");
        this.charges = paymentProvider.resolve("/v1/charges");
        this.userIds = userIds;
        this.skus = skus;
    }

    /** One order, synchronously: true when every call succeeded. */
    boolean placeOne() throws IOException, InterruptedException {
        var random = ThreadLocalRandom.current();
        return ok(get(users.resolve(userIds.get(random.nextInt(userIds.size())))))
                && ok(get(products.resolve(skus.get(random.nextInt(skus.size())))))
                && ok(http.send(HttpRequest.newBuilder(charges).timeout(TIMEOUT)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"reference\":\"" + UUID.randomUUID()
                                + "\",\"amount\":54.90,\"currency\":\"EUR\"}"))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode());
    }

    private int get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static boolean ok(int status) {
        return status / 100 == 2;
    }
}
