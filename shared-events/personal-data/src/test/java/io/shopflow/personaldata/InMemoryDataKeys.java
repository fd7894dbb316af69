package io.shopflow.personaldata;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A key store in a map, for the envelope's tests: the store is not what they test, the sealing and opening is. */
final class InMemoryDataKeys {

    private final Map<KeyId, DataKey> keys = new HashMap<>();
    private final Map<UUID, Integer> currentVersion = new HashMap<>();
    private final Set<UUID> destroyed = new HashSet<>();

    synchronized DataKey current(UUID subject) {
        if (destroyed.contains(subject)) {
            throw new IllegalStateException(subject + " was erased");
        }
        int version = currentVersion.computeIfAbsent(subject, s -> 1);
        return keys.computeIfAbsent(new KeyId(subject, version), DataKey::generate);
    }

    synchronized DataKey rotate(UUID subject) {
        current(subject);
        currentVersion.merge(subject, 1, Integer::sum);
        return current(subject);
    }

    synchronized KeyLookup find(KeyId id) {
        var key = keys.get(id);
        if (key != null) {
            return new KeyLookup.Found(key);
        }
        return destroyed.contains(id.subject()) ? new KeyLookup.Destroyed() : new KeyLookup.Unknown();
    }

    synchronized void destroy(UUID subject) {
        keys.keySet().removeIf(id -> id.subject().equals(subject));
        currentVersion.remove(subject);
        destroyed.add(subject);
    }
}
