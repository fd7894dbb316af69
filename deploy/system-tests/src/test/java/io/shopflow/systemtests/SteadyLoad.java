package io.shopflow.systemtests;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Orders placed through the public API at a fixed rate, as careful clients place them: each with an
 * Idempotency-Key, and tried again with the same key when the answer is 502, 503 or 504 or none came (a gateway
 * being restarted, a service killed while answering, a timeout), so an order is placed once whatever happened to
 * the first attempt. Records which orders
 * were accepted and when, and why the others were not.
 */
final class SteadyLoad implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    private static final int ATTEMPTS = 5;
    private static final int CLIENTS = 32;
    private static final Set<Integer> WORTH_ANOTHER_TRY = Set.of(502, 503, 504);

    private final URI orders;
    private final String token;
    private final List<String> users;
    private final List<String> skus;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    private final AtomicInteger placements = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();
    /** Accepted order ids, with when they were accepted. */
    private final Map<String, Instant> accepted = new ConcurrentHashMap<>();
    private final Map<String, Integer> notAccepted = new ConcurrentHashMap<>();

    private SteadyLoad(URI orders, String token, List<String> users, List<String> skus) {
        this.orders = orders;
        this.token = token;
        this.users = users;
        this.skus = skus;
    }

    /** Starts placing {@code perSecond} orders a second, each for one of {@code users}, of one of {@code skus}. */
    static SteadyLoad start(URI orders, String token, List<String> users, List<String> skus, int perSecond) {
        var load = new SteadyLoad(orders, token, users, skus);
        load.clock.scheduleAtFixedRate(() -> load.clients.execute(load::placeOne), 0, 1_000_000 / perSecond,
                TimeUnit.MICROSECONDS);
        return load;
    }

    /** Stops placing new orders and waits for the placements under way. */
    @Override
    public void close() throws InterruptedException {
        clock.shutdownNow();
        clients.shutdown();
        if (!clients.awaitTermination(ATTEMPTS * (TIMEOUT.toSeconds() + RETRY_AFTER.toSeconds()), TimeUnit.SECONDS)) {
            clients.shutdownNow();
        }
    }

    int placements() {
        return placements.get();
    }

    Map<String, Instant> accepted() {
        return Map.copyOf(accepted);
    }

    /** Placements given up on, by the last answer's status or the exception that came instead of one. */
    Map<String, Integer> notAccepted() {
        return Map.copyOf(notAccepted);
    }

    long acceptedBetween(Instant from, Instant to) {
        return accepted.values().stream().filter(at -> !at.isBefore(from) && !at.isAfter(to)).count();
    }

    @Override
    public String toString() {
        return String.format("%d placements: %d accepted (%d tries again with the same key), not accepted: %s",
                placements.get(), accepted.size(), retries.get(), new TreeMap<>(notAccepted));
    }

    private void placeOne() {
        int n = placements.incrementAndGet();
        String user = users.get(n % users.size());
        var lines = List.of(Map.of("sku", skus.get(n % skus.size()), "quantity", 1 + n % 3));
        var request = HttpRequest.newBuilder(orders).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(json(Map.of("userId", user, "lines", lines)))).build();
        String failure = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (attempt > 1) {
                retries.incrementAndGet();
                if (!pause()) {
                    return;
                }
            }
            try {
                var answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 202) {
                    accepted.put(JSON.readTree(answer.body()).get("id").asText(), Instant.now());
                    return;
                }
                failure = String.valueOf(answer.statusCode());
                if (!WORTH_ANOTHER_TRY.contains(answer.statusCode())) {
                    break;
                }
            } catch (IOException noAnswer) {
                failure = noAnswer.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        notAccepted.merge(failure, 1, Integer::sum);
    }

    /** A careful client's pause before trying again: part of the load's behaviour, not a wait for anything. */
    private static boolean pause() {
        try {
            Thread.sleep(RETRY_AFTER.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
