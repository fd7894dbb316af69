package io.shopflow.order.client;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * A {@link LookupCache} in this process (Caffeine), for a service that runs one replica or does not mind each
 * replica warming its own: hits, misses and evictions are on {@code /q/metrics} as {@code cache_*{cache=name}}.
 */
public final class InMemoryLookupCache<K, V> implements LookupCache<K, V> {

    private final Cache<K, V> cache;
    private final ToLongFunction<V> version;

    public InMemoryLookupCache(String name, Duration ttl, long maxEntries, ToLongFunction<V> version,
                               MeterRegistry registry) {
        this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxEntries).recordStats().build();
        this.version = version;
        CaffeineCacheMetrics.monitor(registry, cache, name);
    }

    @Override
    public Uni<Optional<V>> get(K key) {
        return Uni.createFrom().item(Optional.ofNullable(cache.getIfPresent(key)));
    }

    @Override
    public Uni<Void> putIfNewer(K key, V value) {
        cache.asMap().merge(key, value,
                (held, offered) -> version.applyAsLong(offered) >= version.applyAsLong(held) ? offered : held);
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Void> invalidate(K key) {
        cache.invalidate(key);
        return Uni.createFrom().voidItem();
    }
}
