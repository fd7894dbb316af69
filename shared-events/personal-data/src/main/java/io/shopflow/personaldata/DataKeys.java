package io.shopflow.personaldata;

import java.util.UUID;

/**
 * Where data keys live: user-service's own table locally, a KMS or Vault in a cluster
 * (docs/decisions/0007-personal-data.md). A destroyed key is gone for good, but the store remembers that it
 * existed, so that a reader can tell an erased person's data from an envelope naming a key that never was.
 */
public interface DataKeys {

    /** The subject's current key, made on first use. Refused for a subject whose keys were destroyed. */
    DataKey current(UUID subject);

    /**
     * Makes a new version of the subject's key the current one. Nothing already sealed is sealed again: older
     * versions still open what they sealed until the subject is erased.
     */
    DataKey rotate(UUID subject);

    /** The key by its id, for opening: a key, or that it was destroyed, or that no such key ever existed. */
    Lookup find(KeyId id);

    /** Destroys every version of the subject's key: everything sealed with them becomes unreadable. */
    void destroy(UUID subject);

    /** What a lookup found. */
    sealed interface Lookup {
        record Found(DataKey key) implements Lookup {
        }

        record Destroyed() implements Lookup {
        }

        record Unknown() implements Lookup {
        }
    }
}
