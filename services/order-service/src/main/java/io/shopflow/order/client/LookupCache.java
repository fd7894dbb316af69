package io.shopflow.order.client;

import io.smallrye.mutiny.Uni;
import java.util.Optional;

/**
 * Values looked up from another service, kept for a while (a TTL) and kept fresh by that service's events: an
 * event carrying a newer version replaces the cached value at once, so readers see a change when the event
 * arrives, not when the TTL runs out. Versions decide, so an answer fetched before a change and arriving after
 * its event cannot put the old value back.
 */
public interface LookupCache<K, V> {

    Uni<Optional<V>> get(K key);

    /** Keeps {@code value} unless the cache already holds a newer version of it. */
    Uni<Void> putIfNewer(K key, V value);

    /** Drops the value, as when what it was looked up for no longer exists (an erased user). */
    Uni<Void> invalidate(K key);
}
