package io.shopflow.personaldata;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * How a service that needs clear text opens sealed fields: the keys come from the key store (user-service, through
 * whatever client the service has) and are kept here for at most {@code expiry}. That bound is what an erasure waits
 * for in the worst case: a key fetched just before it was destroyed opens its person's data here until it expires,
 * unless the service hears of the erasure first and {@link #forget}s it. Answers that a key was destroyed or never
 * existed are kept too: they never change. Concurrent lookups of one missing key wait for one fetch (Caffeine).
 */
public final class DataKeyCache {

    /** Asks the key store for keys; answers each id asked for. */
    @FunctionalInterface
    public interface KeyStore {
        CompletionStage<Map<KeyId, KeyLookup>> find(Set<KeyId> ids);
    }

    private final AsyncLoadingCache<KeyId, KeyLookup> keys;

    public DataKeyCache(KeyStore store, Duration expiry, long maximumKeys) {
        this(store, expiry, maximumKeys, Ticker.systemTicker());
    }

    /** With the clock the expiry is measured by, for tests that let time pass. */
    DataKeyCache(KeyStore store, Duration expiry, long maximumKeys, Ticker ticker) {
        this.keys = Caffeine.newBuilder()
                .expireAfterWrite(expiry)
                .maximumSize(maximumKeys)
                .ticker(ticker)
                .buildAsync((id, executor) -> store.find(Set.of(id)).thenApply(found -> answer(found, id))
                        .toCompletableFuture());
    }

    /**
     * The clear text of a field sealed for {@code subject}, or {@link Opened.Erased}.
     *
     * @return a stage failed with {@link TamperedPersonalDataException} when the envelope is not one that its
     *         sealer wrote, or with the key store's failure when it could not be asked
     */
    public CompletionStage<Opened> open(UUID subject, String sealed) {
        KeyId id;
        try {
            id = PersonalData.keyOf(subject, sealed);
        } catch (TamperedPersonalDataException e) {
            return CompletableFuture.failedFuture(e);
        }
        return keys.get(id).thenApply(lookup -> PersonalData.open(subject, sealed, lookup));
    }

    /** Drops every key of the person at once: they were erased, their data must not open here any longer. */
    public void forget(UUID subject) {
        keys.synchronous().asMap().keySet().removeIf(id -> id.subject().equals(subject));
    }

    private static KeyLookup answer(Map<KeyId, KeyLookup> found, KeyId id) {
        var lookup = found.get(id);
        if (lookup == null) {
            throw new IllegalStateException("The key store did not answer for " + id);
        }
        return lookup;
    }
}
