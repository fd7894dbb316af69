package io.shopflow.personaldata;

import java.util.UUID;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwa.AlgorithmConstraints.ConstraintType;
import org.jose4j.jwe.ContentEncryptionAlgorithmIdentifiers;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jwe.KeyManagementAlgorithmIdentifiers;
import org.jose4j.keys.AesKey;
import org.jose4j.lang.JoseException;

/**
 * Seals a field of a person's data with a data key of theirs and opens it again. The envelope is a JWE in compact
 * serialization (RFC 7516): {@code alg=dir}, {@code enc=A256GCM}, {@code kid=<subject>/<version>}; jose4j does the
 * cryptography, nothing here does. GCM authenticates the protected header with the ciphertext, so the key id cannot
 * be swapped without the envelope failing to open.
 *
 * <p>Opening takes three steps so that the key store may be reached however the service reaches it (blocking,
 * reactive, through a cache): {@link #keyOf} says which key opens an envelope, the caller looks it up, and
 * {@link #open} opens the envelope with what the lookup found. It checks the envelope was sealed for the person it
 * is read for: another person's envelope copied into an event is refused, not read as theirs.
 */
public final class PersonalData {

    private static final AlgorithmConstraints DIRECT_ONLY =
            new AlgorithmConstraints(ConstraintType.PERMIT, KeyManagementAlgorithmIdentifiers.DIRECT);
    private static final AlgorithmConstraints A256GCM_ONLY =
            new AlgorithmConstraints(ConstraintType.PERMIT, ContentEncryptionAlgorithmIdentifiers.AES_256_GCM);

    private PersonalData() {
    }

    /** The clear text sealed with {@code key}, the current key of the person it belongs to. */
    public static String seal(DataKey key, String clearText) {
        var envelope = new JsonWebEncryption();
        envelope.setAlgorithmHeaderValue(KeyManagementAlgorithmIdentifiers.DIRECT);
        envelope.setEncryptionMethodHeaderParameter(ContentEncryptionAlgorithmIdentifiers.AES_256_GCM);
        envelope.setKeyIdHeaderValue(key.id().toString());
        envelope.setKey(new AesKey(key.secret()));
        envelope.setPlaintext(clearText);
        try {
            return envelope.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("Sealing with " + key.id() + " failed", e);
        }
    }

    /**
     * The key that opens an envelope sealed for {@code subject}.
     *
     * @throws TamperedPersonalDataException it is no envelope, or it was sealed for someone else
     */
    public static KeyId keyOf(UUID subject, String sealed) {
        return read(subject, sealed).id();
    }

    /**
     * The clear text of an envelope sealed for {@code subject}, or {@link Opened.Erased} once the key that
     * {@link #keyOf} named was destroyed.
     *
     * @param lookup what the key store found for {@link #keyOf}'s key
     * @throws TamperedPersonalDataException the envelope is malformed or altered, was sealed for someone else, or
     *                                       names a key that never existed
     */
    public static Opened open(UUID subject, String sealed, KeyLookup lookup) {
        var read = read(subject, sealed);
        if (lookup instanceof KeyLookup.Found found) {
            if (!found.key().id().equals(read.id())) {
                throw new IllegalArgumentException("Looked up " + found.key().id() + " for an envelope of " + read.id());
            }
            return new Opened.Clear(decrypt(read.envelope(), found.key()));
        }
        if (lookup instanceof KeyLookup.Destroyed) {
            return new Opened.Erased();
        }
        throw new TamperedPersonalDataException("The envelope names a key that never existed: " + read.id());
    }

    private record Read(JsonWebEncryption envelope, KeyId id) {
    }

    private static Read read(UUID subject, String sealed) {
        var envelope = new JsonWebEncryption();
        envelope.setAlgorithmConstraints(DIRECT_ONLY);
        envelope.setContentEncryptionAlgorithmConstraints(A256GCM_ONLY);
        KeyId id;
        try {
            envelope.setCompactSerialization(sealed);
            id = KeyId.parse(envelope.getKeyIdHeaderValue());
        } catch (JoseException e) {
            throw new TamperedPersonalDataException("Not a sealed field: " + e.getMessage(), e);
        }
        if (!id.subject().equals(subject)) {
            throw new TamperedPersonalDataException("A field sealed for " + id.subject() + " read as " + subject + "'s");
        }
        return new Read(envelope, id);
    }

    private static String decrypt(JsonWebEncryption envelope, DataKey key) {
        envelope.setKey(new AesKey(key.secret()));
        try {
            return envelope.getPlaintextString();
        } catch (JoseException e) {
            throw new TamperedPersonalDataException("The field sealed with " + key.id() + " does not open: altered, "
                    + "or not sealed with that key", e);
        }
    }
}
