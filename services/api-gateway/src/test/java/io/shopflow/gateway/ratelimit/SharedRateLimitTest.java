package io.shopflow.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.shopflow.gateway.Backends;
import io.shopflow.gateway.Tokens;
import io.shopflow.gateway.config.GatewayConfig;
import io.shopflow.gateway.route.RouteTable;
import io.shopflow.infra.testing.RequiredTool;
import io.shopflow.infra.testing.TokenKeysTestResource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rate limits again, with the buckets in the real Redis of the machine (127.0.0.1:6379; without it the
 * test fails in CI and is skipped elsewhere, see RequiredTool) under a namespace of this run's own: every check of {@link GatewayRateLimitTest} holds, a
 * second gateway replica counts in the same buckets, and a Redis that cannot be reached loosens the limits to one
 * replica's view without holding a request up.
 */
@QuarkusTest
@TestProfile(SharedRateLimitTest.InRedis.class)
@WithTestResource(Backends.class)
@WithTestResource(TokenKeysTestResource.class)
class SharedRateLimitTest extends GatewayRateLimitTest {

    private static final String REDIS = "redis://127.0.0.1:6379";
    private static final String NAMESPACE = "shopflow-test:rate-limits:" + System.nanoTime();

    public static class InRedis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("shopflow.gateway.rate-limit-store.kind", "redis",
                    "shopflow.gateway.rate-limit-store.redis-url", REDIS,
                    "shopflow.gateway.rate-limit-store.namespace", NAMESPACE);
        }
    }

    @Inject
    MeterRegistry registry;

    /** The gateway's own Redis client (Lettuce), to look at the buckets from outside. */
    private static RedisClient client;
    private static StatefulRedisConnection<String, String> redis;

    @BeforeAll
    static void redisIsThere() {
        client = RedisClient.create(REDIS);
        client.setDefaultTimeout(Duration.ofSeconds(2));
        try {
            redis = client.connect();
        } catch (RuntimeException unreachable) {
            redis = null;
        }
        RequiredTool.require(redis != null, "Redis at " + REDIS, "apt-get install redis-server, then redis-server --daemonize yes");
    }

    @AfterAll
    static void removeThisRunsBuckets() {
        if (redis != null) {
            var keys = redis.sync().keys(NAMESPACE + ":*");
            if (!keys.isEmpty()) {
                redis.sync().del(keys.toArray(String[]::new));
            }
            redis.close();
        }
        client.shutdown();
    }

    @Test
    void a_second_replica_counts_in_the_same_buckets() throws Exception {
        String caller = "ada-" + System.nanoTime();
        var client = Tokens.as(caller);
        for (int i = 0; i < 3; i++) {
            client.when().get("/api/v1/limited/by-user/1").then().statusCode(200);
        }

        try (var replica = new Replica(Map.of())) {
            var verdict = replica.admit("by-user", caller);
            assertThat(verdict.allowed()).as("the gateway's three requests were counted in Redis").isFalse();
            assertThat(replica.admit("by-user", "grace-" + System.nanoTime()).allowed()).isTrue();
        }
        assertThat(registry.get("gateway.rate.limit.store.unavailable").counter().count())
                .as("every count went to Redis").isZero();
    }

    @Test
    void an_unreachable_redis_loosens_the_limits_to_one_replica_and_holds_nobody_up() throws Exception {
        var settings = new HashMap<String, String>();
        settings.put("shopflow.gateway.rate-limit-store.redis-url", "redis://127.0.0.1:" + nothingListening());
        try (var replica = new Replica(settings)) {
            for (int i = 0; i < 3; i++) {
                assertThat(replica.admitAtOnce("by-user", "ada").allowed()).isTrue();
            }
            assertThat(replica.admitAtOnce("by-user", "ada").allowed()).as("counted in the replica's own bucket")
                    .isFalse();
            assertThat(replica.registry.get("gateway.rate.limit.store.unavailable").counter().count()).isPositive();
        }
    }

    /** Another gateway replica's rate limits: the same configuration (with changes), its own process state. */
    private static final class Replica implements AutoCloseable {

        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        final RateLimits limits;
        final RouteTable routes;

        Replica(Map<String, String> changes) {
            var running = ConfigProvider.getConfig();
            var settings = new HashMap<String, String>();
            for (String name : running.getPropertyNames()) {
                if (name.startsWith("shopflow.gateway.")) {
                    running.getOptionalValue(name, String.class).ifPresent(value -> settings.put(name, value));
                }
            }
            settings.putAll(changes);
            GatewayConfig config = new SmallRyeConfigBuilder().withMapping(GatewayConfig.class)
                    .withConverter(Duration.class, 200, new DurationConverter())
                    .withSources(new PropertiesConfigSource(settings, "replica", 500)).build()
                    .getConfigMapping(GatewayConfig.class);
            this.limits = new RateLimits(config, registry);
            this.routes = RouteTable.of(config);
        }

        RateLimits.Verdict admit(String route, String caller) throws Exception {
            var taken = routes.routes().stream().filter(candidate -> candidate.name().equals(route)).findFirst()
                    .orElseThrow();
            return limits.admit(taken, caller, "127.0.0.1").toCompletableFuture().get(5, TimeUnit.SECONDS);
        }

        /** The verdict, which must be decided at once: no request waits on a Redis that was not reached. */
        RateLimits.Verdict admitAtOnce(String route, String caller) {
            var taken = routes.routes().stream().filter(candidate -> candidate.name().equals(route)).findFirst()
                    .orElseThrow();
            var verdict = limits.admit(taken, caller, "127.0.0.1").toCompletableFuture();
            assertThat(verdict).as("decided without waiting on Redis").isDone();
            return verdict.join();
        }

        @Override
        public void close() {
            limits.close();
        }
    }

    private static int nothingListening() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
