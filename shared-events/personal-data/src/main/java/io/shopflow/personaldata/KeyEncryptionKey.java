package io.shopflow.personaldata;

import java.util.Objects;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwa.AlgorithmConstraints.ConstraintType;
import org.jose4j.jwe.ContentEncryptionAlgorithmIdentifiers;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jwe.KeyManagementAlgorithmIdentifiers;
import org.jose4j.keys.AesKey;
import org.jose4j.lang.JoseException;

/**
 * The key that wraps data keys where a key store keeps them, so that a copy of the store (a dump, a backup, a
 * replica) without this key opens nothing. A wrapped key is a JWE in compact serialization: {@code alg=A256KW}
 * (AES key wrap, RFC 3394), {@code enc=A256GCM}, {@code kid} the key-encryption key's id (so a store can hold keys
 * wrapped by an older one after it is replaced), and the data key's id in the protected header, so a wrapped key
 * copied onto another person's row is refused instead of opening their data. jose4j does the cryptography.
 */
public final class KeyEncryptionKey {

    /** The protected header naming the data key a wrapped key is. */
    static final String DATA_KEY_HEADER = "shopflow-data-key";

    private static final AlgorithmConstraints KEY_WRAP_ONLY =
            new AlgorithmConstraints(ConstraintType.PERMIT, KeyManagementAlgorithmIdentifiers.A256KW);
    private static final AlgorithmConstraints A256GCM_ONLY =
            new AlgorithmConstraints(ConstraintType.PERMIT, ContentEncryptionAlgorithmIdentifiers.AES_256_GCM);

    private final String id;
    private final byte[] secret;

    public KeyEncryptionKey(String id, byte[] secret) {
        this.id = Objects.requireNonNull(id, "id");
        if (secret.length != DataKey.BYTES) {
            throw new IllegalArgumentException("A key-encryption key is " + DataKey.BYTES + " bytes, not " + secret.length);
        }
        this.secret = secret.clone();
    }

    public String id() {
        return id;
    }

    public String wrap(DataKey key) {
        var envelope = new JsonWebEncryption();
        envelope.setAlgorithmHeaderValue(KeyManagementAlgorithmIdentifiers.A256KW);
        envelope.setEncryptionMethodHeaderParameter(ContentEncryptionAlgorithmIdentifiers.AES_256_GCM);
        envelope.setKeyIdHeaderValue(id);
        envelope.setHeader(DATA_KEY_HEADER, key.id().toString());
        envelope.setKey(new AesKey(secret));
        envelope.setPlaintext(key.secret());
        try {
            return envelope.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("Wrapping " + key.id() + " failed", e);
        }
    }

    /**
     * The data key {@code expected} that {@link #wrap} wrapped.
     *
     * @throws TamperedPersonalDataException the wrapped key was altered, wrapped by another key-encryption key, or
     *                                       is another data key than the one expected
     */
    public DataKey unwrap(KeyId expected, String wrapped) {
        var envelope = new JsonWebEncryption();
        envelope.setAlgorithmConstraints(KEY_WRAP_ONLY);
        envelope.setContentEncryptionAlgorithmConstraints(A256GCM_ONLY);
        try {
            envelope.setCompactSerialization(wrapped);
            if (!id.equals(envelope.getKeyIdHeaderValue())) {
                throw new TamperedPersonalDataException("Data key " + expected + " is wrapped by key-encryption key '"
                        + envelope.getKeyIdHeaderValue() + "', not by '" + id + "'");
            }
            envelope.setKey(new AesKey(secret));
            byte[] secretOfDataKey = envelope.getPlaintextBytes();
            if (!expected.toString().equals(envelope.getHeader(DATA_KEY_HEADER))) {
                throw new TamperedPersonalDataException("The wrapped key stored as " + expected + " is "
                        + envelope.getHeader(DATA_KEY_HEADER));
            }
            return new DataKey(expected, secretOfDataKey);
        } catch (JoseException e) {
            throw new TamperedPersonalDataException("The wrapped data key " + expected + " does not open: altered, or "
                    + "not wrapped by key-encryption key '" + id + "'", e);
        }
    }

    /** Never the key's bytes. */
    @Override
    public String toString() {
        return "KeyEncryptionKey[" + id + "]";
    }
}
