package io.shopflow.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Unremovable;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.MpJwtValidator;
import io.shopflow.gateway.config.GatewayConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Remembers bearer tokens already verified, so that a caller's next requests with the same token skip the RS256
 * signature check, which took a quarter of the gateway's CPU when every request paid it (see the gateway
 * benchmark). Asked before Quarkus' own verifier ({@link MpJwtValidator}), which it asks in turn for a token it has
 * not seen: only a token identical to one that passed every check is answered from here, never past the token's
 * own expiry, and at most {@code shopflow.gateway.verified-tokens.ttl} after its check, so that a key rotated away
 * stops being honoured within that time. Written by hand: SmallRye JWT verifies every time and has no such cache.
 */
@Unremovable // found by Quarkus security among the identity providers, never injected by type
@ApplicationScoped
class VerifiedTokens implements IdentityProvider<TokenAuthenticationRequest> {

    /** Above every other provider of bearer tokens (Quarkus' verifier has the default, 1001). */
    private static final int ASKED_FIRST = 2000;

    private final MpJwtValidator verifier;
    private final Cache<String, SecurityIdentity> verified;
    private final Counter remembered;
    private final Counter checked;

    VerifiedTokens(MpJwtValidator verifier, GatewayConfig config, MeterRegistry registry) {
        this.verifier = verifier;
        this.verified = Caffeine.newBuilder().maximumSize(config.verifiedTokens().maxSize())
                .expireAfterWrite(config.verifiedTokens().ttl()).build();
        this.remembered = Counter.builder("gateway.verified.tokens").tag("result", "remembered")
                .description("Bearer tokens recognised as verified before").register(registry);
        this.checked = Counter.builder("gateway.verified.tokens").tag("result", "checked")
                .description("Bearer tokens whose signature and claims were checked").register(registry);
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public int priority() {
        return ASKED_FIRST;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String token = request.getToken().getToken();
        var known = verified.getIfPresent(token);
        if (known != null && Instant.now().getEpochSecond() < ((JsonWebToken) known.getPrincipal()).getExpirationTime()) {
            remembered.increment();
            return Uni.createFrom().item(known);
        }
        checked.increment();
        return verifier.authenticate(request, context).invoke(identity -> verified.put(token, identity));
    }
}
