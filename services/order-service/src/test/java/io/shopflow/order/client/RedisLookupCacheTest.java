package io.shopflow.order.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.shopflow.infra.testing.RequiredTool;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against the real Redis of the development machine (127.0.0.1:6379); without it the tests fail
 * in CI and are skipped elsewhere (RequiredTool).
 * Each test uses a cache name of its own and deletes its keys.
 */
class RedisLookupCacheTest {

    private static final String REDIS = "redis://127.0.0.1:6379";
    private static final Duration WAIT = Duration.ofSeconds(5);

    /** A cached value: its text and version, encoded as "version:text". */
    record Entry(String text, long version) {
        static final RedisLookupCache.Codec<Entry> CODEC = new RedisLookupCache.Codec<>(
                entry -> (entry.version() + ":" + entry.text()).getBytes(StandardCharsets.UTF_8),
                bytes -> {
                    var parts = new String(bytes, StandardCharsets.UTF_8).split(":", 2);
                    return new Entry(parts[1], Long.parseLong(parts[0]));
                },
                Entry::version);
    }

    private final Vertx vertx = Vertx.vertx();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final String name = "test-" + UUID.randomUUID();
    private RedisLookupCache<String, Entry> cache;

    @BeforeEach
    void redisIsThere() {
        var probe = Redis.createClient(vertx, REDIS);
        try {
            RedisAPI.api(probe).ping(List.of()).await().atMost(WAIT);
        } catch (RuntimeException e) {
            RequiredTool.require(false, "Redis at " + REDIS, "apt-get install redis-server, then redis-server --daemonize yes");
        } finally {
            probe.close();
        }
        cache = new RedisLookupCache<>(vertx, REDIS, name, Duration.ofMinutes(1), Entry.CODEC, registry);
    }

    @AfterEach
    void cleanUp() {
        var client = Redis.createClient(vertx, REDIS);
        var redis = RedisAPI.api(client);
        var keys = redis.keys("shopflow:" + name + ":*").await().atMost(WAIT);
        keys.forEach(key -> redis.del(List.of(key.toString())).await().atMost(WAIT));
        client.close();
        if (cache != null) {
            cache.close();
        }
        vertx.closeAndAwait();
    }

    private Optional<Entry> get(String key) {
        return cache.get(key).await().atMost(WAIT);
    }

    private void put(String key, Entry entry) {
        cache.putIfNewer(key, entry).await().atMost(WAIT);
    }

    @Test
    void a_value_is_shared_by_every_client_of_the_same_cache() {
        put("u1", new Entry("Ada", 1));

        try (var otherReplica = new RedisLookupCache<>(vertx, REDIS, name, Duration.ofMinutes(1), Entry.CODEC,
                new SimpleMeterRegistry())) {
            assertThat(otherReplica.get("u1").await().atMost(WAIT)).contains(new Entry("Ada", 1));
        }
        assertThat(get("u2")).isEmpty();
        assertThat(registry.get("cache.gets").tag("result", "miss").counter().count()).isEqualTo(1);
    }

    @Test
    void an_older_version_never_replaces_a_newer_one() {
        put("u1", new Entry("Ada Lovelace", 3));

        put("u1", new Entry("Ada", 2));
        assertThat(get("u1")).contains(new Entry("Ada Lovelace", 3));

        put("u1", new Entry("Ada King", 4));
        assertThat(get("u1")).contains(new Entry("Ada King", 4));
    }

    @Test
    void an_invalidated_value_is_gone_for_every_client() {
        put("u1", new Entry("Ada", 1));
        put("u2", new Entry("Grace", 1));

        try (var otherReplica = new RedisLookupCache<>(vertx, REDIS, name, Duration.ofMinutes(1), Entry.CODEC,
                new SimpleMeterRegistry())) {
            otherReplica.invalidate("u1").await().atMost(WAIT);
        }

        assertThat(get("u1")).isEmpty();
        assertThat(get("u2")).contains(new Entry("Grace", 1));
    }

    @Test
    void entries_expire_after_the_ttl() {
        // What the cache writes carries its TTL as the key's expiry...
        put("u1", new Entry("Ada", 1));
        var client = Redis.createClient(vertx, REDIS);
        try {
            long expiresIn = RedisAPI.api(client).pttl("shopflow:" + name + ":u1").await().atMost(WAIT).toLong();
            assertThat(expiresIn).isBetween(1L, Duration.ofMinutes(1).toMillis());
        } finally {
            client.close();
        }
        // ...and a short one passes: the entry is gone (awaited, as a loaded machine may take longer to see it).
        try (var shortLived = new RedisLookupCache<>(vertx, REDIS, name, Duration.ofMillis(200), Entry.CODEC,
                new SimpleMeterRegistry())) {
            shortLived.putIfNewer("u2", new Entry("Ada", 1)).await().atMost(WAIT);
            await().atMost(WAIT).until(() -> shortLived.get("u2").await().atMost(WAIT).isEmpty());
        }
    }

    @Test
    void without_redis_a_read_is_a_miss_and_a_write_or_invalidation_is_skipped_not_a_failure() {
        var unreachable = new SimpleMeterRegistry();
        try (var down = new RedisLookupCache<>(vertx, "redis://127.0.0.1:1", name, Duration.ofMinutes(1),
                Entry.CODEC, unreachable)) {
            down.putIfNewer("u1", new Entry("Ada", 1)).await().atMost(WAIT);
            assertThat(down.get("u1").await().atMost(WAIT)).isEmpty();
            down.invalidate("u1").await().atMost(WAIT);
        }
        assertThat(unreachable.get("cache.unavailable").counter().count()).isEqualTo(3);
    }
}
