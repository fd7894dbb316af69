package io.shopflow.personaldata;

/**
 * What a key store found for a {@link KeyId}: the key, or that it was destroyed, or that no such key ever existed.
 * A store remembers that a destroyed key existed, so that an erased person's data ({@link Opened.Erased}) stays apart
 * from an envelope naming a key that never was (refused). How the store is reached (a table, a KMS, a cache, blocking
 * or reactive) is the service's business; the envelope only needs the answer.
 */
public sealed interface KeyLookup {

    record Found(DataKey key) implements KeyLookup {
    }

    record Destroyed() implements KeyLookup {
    }

    record Unknown() implements KeyLookup {
    }
}
