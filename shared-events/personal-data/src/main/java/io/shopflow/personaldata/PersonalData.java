package io.shopflow.personaldata;

import java.util.Objects;
import java.util.UUID;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwa.AlgorithmConstraints.ConstraintType;
import org.jose4j.jwe.ContentEncryptionAlgorithmIdentifiers;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jwe.KeyManagementAlgorithmIdentifiers;
import org.jose4j.keys.AesKey;
import org.jose4j.lang.JoseException;

/**
 * Seals a field of a person's data with their current data key and opens it again. The envelope is a JWE in
 * compact serialization (RFC 7516): {@code alg=dir}, {@code enc=A256GCM}, {@code kid=<subject>/<version>}; jose4j
 * does the cryptography, nothing here does. GCM authenticates the protected header with the ciphertext, so the key
 * id cannot be swapped without the envelope failing to open.
 *
 * <p>Opening checks the envelope was sealed for the person it is read for: another person's envelope copied into an
 * event is refused, not read as theirs.
 */
public final class PersonalData {

    private static final AlgorithmConstraints DIRECT_ONLY =
            new AlgorithmConstraints(ConstraintType.PERMIT, KeyManagementAlgorithmIdentifiers.DIRECT);
    private static final AlgorithmConstraints A256GCM_ONLY =
            new AlgorithmConstraints(ConstraintType.PERMIT, ContentEncryptionAlgorithmIdentifiers.AES_256_GCM);

    private final DataKeys keys;

    public PersonalData(DataKeys keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** The subject's clear text, sealed with their current key. */
    public String seal(UUID subject, String clearText) {
        var key = keys.current(subject);
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
     * The clear text of an envelope sealed for {@code subject}, or {@link Opened.Erased} once their key is destroyed.
     *
     * @throws TamperedPersonalDataException the envelope is malformed or altered, names a key that never existed, or
     *                                       was sealed for someone else
     */
    public Opened open(UUID subject, String sealed) {
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
        var lookup = keys.find(id);
        if (lookup instanceof DataKeys.Lookup.Found found) {
            return new Opened.Clear(decrypt(envelope, found.key()));
        }
        if (lookup instanceof DataKeys.Lookup.Destroyed) {
            return new Opened.Erased();
        }
        throw new TamperedPersonalDataException("The envelope names a key that never existed: " + id);
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
