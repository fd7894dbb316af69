package io.shopflow.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * An RSA key pair for signing and verifying bearer tokens on a local platform or in a test, made fresh for each
 * run and written as PEM files: the api-gateway verifies with the public one and mints development tokens with the
 * private one. Nothing is kept in the repository, so no token made here is ever valid anywhere else.
 */
public final class TokenKeys implements AutoCloseable {

    private final Path directory;
    private final Path publicKey;
    private final Path privateKey;

    private TokenKeys(Path directory) {
        this.directory = directory;
        this.publicKey = directory.resolve("token-public.pem");
        this.privateKey = directory.resolve("token-private.pem");
    }

    public static TokenKeys generate() {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            var keys = new TokenKeys(Files.createTempDirectory("shopflow-token-keys"));
            Files.writeString(keys.publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            Files.writeString(keys.privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            return keys;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM cannot make RSA keys", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the token keys", e);
        }
    }

    /**
     * The api-gateway's settings for these keys, as configuration keys: verify with the public key, sign
     * development tokens with the private one, and offer them.
     */
    public Map<String, String> gatewaySettings() {
        return Map.of(
                "mp.jwt.verify.publickey.location", publicKey.toString(),
                "smallrye.jwt.sign.key.location", privateKey.toString(),
                "shopflow.gateway.dev-tokens.enabled", "true");
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(publicKey);
            Files.deleteIfExists(privateKey);
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the token keys in " + directory, e);
        }
    }
}
