package io.shopflow.order.client;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.jboss.logging.Logger;

/**
 * A {@link LookupCache} in Redis, shared by every replica of a service: one replica's lookup or event serves the
 * others, and an event read by any replica refreshes all of them. Each entry is a hash (version, value) under
 * {@code shopflow:<cache name>:<key>} with the TTL as its expiry; a Lua script makes "replace unless newer" one
 * atomic step, which plain commands cannot. Values are stored as Base64 text of their encoded bytes.
 *
 * <p>The cache is an optimisation, never a dependency: when Redis cannot be reached a read is a miss and a write is
 * skipped (counted as {@code cache_unavailable_total}), so lookups go to the owning service instead of failing.
 */
public final class RedisLookupCache<K, V> implements LookupCache<K, V>, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RedisLookupCache.class);
    private static final String PUT_IF_NEWER = """
            local held = redis.call('HGET', KEYS[1], 'version')
            if held and tonumber(held) > tonumber(ARGV[1]) then
              return 0
            end
            redis.call('HSET', KEYS[1], 'version', ARGV[1], 'value', ARGV[2])
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return 1""";

    /** How a cached value becomes bytes and back, and which version it is. */
    public record Codec<V>(Function<V, byte[]> encode, Function<byte[], V> decode, ToLongFunction<V> version) {
    }

    private final Redis client;
    private final RedisAPI redis;
    private final String prefix;
    private final Duration ttl;
    private final Codec<V> codec;
    private final Counter hits;
    private final Counter misses;
    private final Counter unavailable;

    public RedisLookupCache(Vertx vertx, String redisUrl, String name, Duration ttl, Codec<V> codec,
                            MeterRegistry registry) {
        this.client = Redis.createClient(vertx, new RedisOptions().setConnectionString(redisUrl));
        this.redis = RedisAPI.api(client);
        this.prefix = "shopflow:" + name + ":";
        this.ttl = ttl;
        this.codec = codec;
        this.hits = Counter.builder("cache.gets").tag("cache", name).tag("result", "hit").register(registry);
        this.misses = Counter.builder("cache.gets").tag("cache", name).tag("result", "miss").register(registry);
        this.unavailable = Counter.builder("cache.unavailable").tag("cache", name)
                .description("Reads and writes skipped because Redis could not be reached").register(registry);
    }

    @Override
    public Uni<Optional<V>> get(K key) {
        return redis.hget(prefix + key, "value")
                .map(value -> Optional.ofNullable(value).map(text -> codec.decode().apply(
                        Base64.getDecoder().decode(text.toString()))))
                .invoke(found -> (found.isPresent() ? hits : misses).increment())
                .onFailure().recoverWithItem(failure -> {
                    skipped("read", failure);
                    return Optional.empty();
                });
    }

    @Override
    public Uni<Void> putIfNewer(K key, V value) {
        return redis.eval(List.of(PUT_IF_NEWER, "1", prefix + key,
                        Long.toString(codec.version().applyAsLong(value)),
                        Base64.getEncoder().encodeToString(codec.encode().apply(value)),
                        Long.toString(ttl.toMillis())))
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> {
                    skipped("write", failure);
                    return Uni.createFrom().voidItem();
                });
    }

    /** A Redis that cannot be reached leaves the value to its TTL, as it does for a write. */
    @Override
    public Uni<Void> invalidate(K key) {
        return redis.del(List.of(prefix + key))
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> {
                    skipped("invalidation", failure);
                    return Uni.createFrom().voidItem();
                });
    }

    private void skipped(String what, Throwable failure) {
        unavailable.increment();
        LOG.debugf(failure, "Redis cache %s skipped", what);
    }

    @Override
    public void close() {
        client.close();
    }
}
