package io.shopflow.personaldata;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * One version of a person's data key: 256 random bits, named by {@link KeyId}. The bytes are copied in and out, so
 * no caller holds the array the key store keeps.
 */
public final class DataKey {

    /** AES-256: what the envelope's A256GCM content encryption takes with direct key agreement. */
    public static final int BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyId id;
    private final byte[] secret;

    /** A new key of random bits from the platform's SecureRandom, for a key store to keep. */
    public static DataKey generate(KeyId id) {
        var secret = new byte[BYTES];
        RANDOM.nextBytes(secret);
        return new DataKey(id, secret);
    }

    public DataKey(KeyId id, byte[] secret) {
        this.id = Objects.requireNonNull(id, "id");
        if (secret.length != BYTES) {
            throw new IllegalArgumentException("A data key is " + BYTES + " bytes, not " + secret.length);
        }
        this.secret = secret.clone();
    }

    public KeyId id() {
        return id;
    }

    public byte[] secret() {
        return secret.clone();
    }

    /** Never the key's bytes: a key must not reach a log by way of a toString. */
    @Override
    public String toString() {
        return "DataKey[" + id + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DataKey that && id.equals(that.id) && Arrays.equals(secret, that.secret);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }
}
