package io.shopflow.personaldata;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.lang.JoseException;

/**
 * The key-encryption key that wraps data keys now, and the retired ones that still unwrap what they wrapped while a
 * key store is being rewrapped (docs/personal-data.md, "Replacing the key-encryption key"). Each wrapped key names
 * the key-encryption key that wrapped it (its {@code kid}), so the right one is picked, and rewrapping changes the
 * wrapping only: the data key, and so every event it sealed, stays as it was.
 */
public final class KeyEncryptionKeys {

    private final KeyEncryptionKey current;
    private final Map<String, KeyEncryptionKey> byId = new LinkedHashMap<>();

    public KeyEncryptionKeys(KeyEncryptionKey current, List<KeyEncryptionKey> retired) {
        this.current = Objects.requireNonNull(current, "current");
        byId.put(current.id(), current);
        for (var key : retired) {
            if (byId.putIfAbsent(key.id(), key) != null) {
                throw new IllegalArgumentException("Two key-encryption keys are named '" + key.id() + "'");
            }
        }
    }

    /** Wraps with the current key-encryption key. */
    public String wrap(DataKey key) {
        return current.wrap(key);
    }

    /**
     * The data key {@code expected}, unwrapped by the key-encryption key the wrapped key names.
     *
     * @throws TamperedPersonalDataException as {@link KeyEncryptionKey#unwrap}, also when it names a key-encryption
     *                                       key that is neither the current one nor a retired one configured
     */
    public DataKey unwrap(KeyId expected, String wrapped) {
        return byId.getOrDefault(wrappedBy(wrapped), current).unwrap(expected, wrapped);
    }

    /** Whether the current key-encryption key wrapped it: nothing to rewrap. */
    public boolean isCurrent(String wrapped) {
        return current.id().equals(wrappedBy(wrapped));
    }

    /** The same data key, wrapped by the current key-encryption key. */
    public String rewrap(KeyId id, String wrapped) {
        return current.wrap(unwrap(id, wrapped));
    }

    public String currentId() {
        return current.id();
    }

    /** The id of the key-encryption key that wrapped it, read from its header (which the unwrap authenticates). */
    static String wrappedBy(String wrapped) {
        var envelope = new JsonWebEncryption();
        try {
            envelope.setCompactSerialization(wrapped);
            return envelope.getKeyIdHeaderValue();
        } catch (JoseException e) {
            throw new TamperedPersonalDataException("Not a wrapped data key: " + e.getMessage(), e);
        }
    }
}
