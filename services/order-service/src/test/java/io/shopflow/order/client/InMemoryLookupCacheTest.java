package io.shopflow.order.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InMemoryLookupCacheTest {

    private record Profile(String name, long version) {
    }

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final InMemoryLookupCache<String, Profile> cache = new InMemoryLookupCache<>("profiles",
            Duration.ofMinutes(5), 100, Profile::version, registry);

    @Test
    void a_newer_version_replaces_the_cached_value_and_an_older_one_does_not() {
        cache.putIfNewer("u1", new Profile("Ada", 1)).await().indefinitely();
        cache.putIfNewer("u1", new Profile("Ada Lovelace", 3)).await().indefinitely();
        cache.putIfNewer("u1", new Profile("stale answer", 2)).await().indefinitely();

        assertThat(cache.get("u1").await().indefinitely()).contains(new Profile("Ada Lovelace", 3));
        assertThat(cache.get("u2").await().indefinitely()).isEqualTo(Optional.empty());
    }

    @Test
    void an_invalidated_value_is_gone() {
        cache.putIfNewer("u1", new Profile("Ada", 1)).await().indefinitely();
        cache.putIfNewer("u2", new Profile("Grace", 1)).await().indefinitely();

        cache.invalidate("u1").await().indefinitely();

        assertThat(cache.get("u1").await().indefinitely()).isEmpty();
        assertThat(cache.get("u2").await().indefinitely()).contains(new Profile("Grace", 1));
    }

    @Test
    void hits_and_misses_are_metered_under_the_cache_name() {
        cache.putIfNewer("u1", new Profile("Ada", 1)).await().indefinitely();
        cache.get("u1").await().indefinitely();
        cache.get("u2").await().indefinitely();

        assertThat(registry.get("cache.gets").tag("cache", "profiles").tag("result", "hit").functionCounter().count())
                .isEqualTo(1.0);
        assertThat(registry.get("cache.gets").tag("cache", "profiles").tag("result", "miss").functionCounter().count())
                .isEqualTo(1.0);
    }
}
