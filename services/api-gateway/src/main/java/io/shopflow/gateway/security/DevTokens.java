package io.shopflow.gateway.security;

import io.shopflow.gateway.config.GatewayConfig;
import io.shopflow.problems.NotFoundException;
import io.smallrye.jwt.build.Jwt;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;

/**
 * {@code POST /dev/tokens}: a signed bearer token for any subject and permissions, for the local platform and
 * tests, signed with the key the gateway itself verifies against ({@code smallrye.jwt.sign.key.location}). Only
 * when {@code shopflow.gateway.dev-tokens.enabled}; otherwise the path does not exist (404). In production the
 * gateway verifies tokens from the identity provider and mints none.
 */
@Path("/dev/tokens")
@SecurityRequirements // none: this is where a token comes from
public class DevTokens {

    public record TokenRequest(@NotBlank String subject, @NotNull Set<@NotBlank String> permissions) {
    }

    public record Token(String token, Instant expiresAt) {
    }

    private final GatewayConfig config;
    private final String issuer;
    private final String audience;

    DevTokens(GatewayConfig config, @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
              @ConfigProperty(name = "mp.jwt.verify.audiences") String audience) {
        this.config = config;
        this.issuer = issuer;
        this.audience = audience;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "mintDevToken", summary = "A development token for any subject and permissions")
    @APIResponse(responseCode = "200", description = "The signed token")
    @APIResponse(responseCode = "404", description = "Development tokens are off here")
    public Token mint(@NotNull @Valid TokenRequest request) {
        if (!config.devTokens().enabled()) {
            throw new NotFoundException("Nothing is served at /dev/tokens");
        }
        var expiresAt = Instant.now().plus(config.devTokens().lifetime());
        String token = Jwt.issuer(issuer)
                .audience(audience)
                .subject(request.subject())
                .claim(PERMISSIONS_CLAIM, request.permissions())
                .expiresAt(expiresAt)
                .sign();
        return new Token(token, expiresAt);
    }

    /** The claim holding a caller's permissions; {@code smallrye.jwt.path.groups} makes them the identity's roles. */
    static final String PERMISSIONS_CLAIM = "permissions";
}
