package io.shopflow.gateway.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.shopflow.gateway.config.GatewayConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * API keys for machine clients (seed 004): a client sends its key in {@value #HEADER} and is the caller
 * {@code client:<name>} with the permissions configured for it ({@code shopflow.gateway.api-keys.<name>.*}).
 * Keys are kept only as SHA-256 hashes: a key is a long random secret, not a password, so a fast hash is enough to
 * make a leaked configuration useless, and looking the hash up compares no secret byte by byte. A Quarkus
 * authentication mechanism beside the bearer-token one, so routes and permissions treat both callers alike.
 */
@ApplicationScoped
public class ApiKeys implements HttpAuthenticationMechanism, IdentityProvider<ApiKeys.KeyPresented> {

    public static final String HEADER = "X-Api-Key";
    public static final String CLIENT_PREFIX = "client:";

    /** The credential: a presented key's hash (the key itself goes no further than this class). */
    static final class KeyPresented extends BaseAuthenticationRequest {
        final String sha256;

        KeyPresented(String sha256) {
            this.sha256 = sha256;
        }
    }

    private record Client(String name, Set<String> permissions) {
    }

    private final Map<String, Client> clientsByHash;

    ApiKeys(GatewayConfig config) {
        this.clientsByHash = config.apiKeys().entrySet().stream().collect(Collectors.toMap(
                entry -> entry.getValue().sha256().toLowerCase(Locale.ROOT),
                entry -> new Client(entry.getKey(), entry.getValue().permissions().orElse(Set.of()))));
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext request, IdentityProviderManager identities) {
        String key = request.request().getHeader(HEADER);
        if (key == null) {
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(new KeyPresented(sha256(key)), request));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext request) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(KeyPresented.class);
    }

    @Override
    public Class<KeyPresented> getRequestType() {
        return KeyPresented.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(KeyPresented presented, AuthenticationRequestContext context) {
        var client = clientsByHash.get(presented.sha256);
        if (client == null) {
            return Uni.createFrom().failure(new AuthenticationFailedException("Unknown API key"));
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(CLIENT_PREFIX + client.name()))
                .addRoles(client.permissions())
                .build());
    }

    public static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-256", e);
        }
    }
}
