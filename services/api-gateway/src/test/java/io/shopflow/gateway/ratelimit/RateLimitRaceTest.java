package io.shopflow.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.shopflow.gateway.config.GatewayConfig;
import io.shopflow.gateway.route.RouteTable;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Requests racing for a bucket's last tokens: however many arrive at once, no more are admitted than the limit,
 * with the buckets in this process and in the real Redis of the machine (127.0.0.1:6379, started by CI; skipped
 * where none runs). Each round is a fresh caller with a full bucket of {@value #LIMIT}, asked by more threads than
 * that at the same moment.
 */
class RateLimitRaceTest {

    private static final int LIMIT = 3;
    private static final int RACERS = 12;
    private static final int ROUNDS = 100;
    private static final String REDIS = "redis://127.0.0.1:6379";

    private final ExecutorService racers = Executors.newFixedThreadPool(RACERS);
    private RateLimits limits;

    @AfterEach
    void stop() throws InterruptedException {
        racers.shutdownNow();
        racers.awaitTermination(5, TimeUnit.SECONDS);
        if (limits != null) {
            limits.close();
        }
    }

    @Test
    void in_memory_racing_requests_get_no_more_than_the_limit() throws Exception {
        race(Map.of());
    }

    @Test
    void in_redis_racing_requests_get_no_more_than_the_limit() throws Exception {
        assumeTrue(redisListens(), "no Redis at " + REDIS);
        race(Map.of("shopflow.gateway.rate-limit-store.kind", "redis",
                "shopflow.gateway.rate-limit-store.redis-url", REDIS,
                "shopflow.gateway.rate-limit-store.namespace", "shopflow-test:rate-race:" + System.nanoTime(),
                // a loaded machine's Redis is never too slow here: a time-out would count in memory instead
                "shopflow.gateway.rate-limit-store.timeout", "10s"));
    }

    private void race(Map<String, String> store) throws Exception {
        var settings = new HashMap<>(Map.of(
                "shopflow.gateway.routes.limited.path-prefix", "/api/v1/limited",
                "shopflow.gateway.routes.limited.service", "limited-service",
                "shopflow.gateway.routes.limited.access", "public",
                "shopflow.gateway.management-port-offset", "1100",
                "shopflow.gateway.rate-limits.tight.per", "user",
                "shopflow.gateway.rate-limits.tight.limit", Integer.toString(LIMIT),
                "shopflow.gateway.rate-limits.tight.period", "1h",
                "shopflow.gateway.default-rate-limits", "tight",
                "shopflow.gateway.console.services", "limited-service"));
        settings.putAll(store);
        GatewayConfig config = new SmallRyeConfigBuilder().withMapping(GatewayConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(settings, "race", 500)).build()
                .getConfigMapping(GatewayConfig.class);
        limits = new RateLimits(config, new SimpleMeterRegistry());
        var route = RouteTable.of(config).routes().get(0);

        var overAdmitted = new ArrayList<String>();
        for (int round = 0; round < ROUNDS; round++) {
            String caller = "racer-" + round;
            var start = new CyclicBarrier(RACERS);
            var verdicts = new ArrayList<CompletableFuture<RateLimits.Verdict>>();
            for (int i = 0; i < RACERS; i++) {
                verdicts.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await(10, TimeUnit.SECONDS);
                    } catch (Exception interrupted) {
                        throw new IllegalStateException(interrupted);
                    }
                    return limits.admit(route, caller, "127.0.0.1").toCompletableFuture();
                }, racers).thenCompose(verdict -> verdict));
            }
            long admitted = 0;
            for (var verdict : verdicts) {
                admitted += verdict.get(20, TimeUnit.SECONDS).allowed() ? 1 : 0;
            }
            if (admitted != LIMIT) {
                overAdmitted.add(caller + ": " + admitted);
            }
        }
        assertThat(overAdmitted).as("rounds that did not admit exactly %d of %d racing requests", LIMIT, RACERS)
                .isEmpty();
    }

    private static boolean redisListens() {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 6379), 1000);
            return true;
        } catch (Exception unreachable) {
            return false;
        }
    }
}
