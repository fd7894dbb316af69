package io.shopflow.gateway.console;

import io.shopflow.gateway.config.GatewayConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;

/**
 * {@code GET /console/settings}: what the web console (static files under /console/) needs to know of this
 * gateway's configuration: where Jaeger's UI is, for links to an order's trace, and whether it may sign in with a
 * development token.
 */
@Path("/console/settings")
@SecurityRequirements // none: the console reads them before anyone signs in
public class ConsoleSettings {

    public record Settings(@Schema(nullable = true, description = "Null where no Jaeger is configured") String jaegerUrl,
                           boolean devTokens) {
    }

    private final GatewayConfig config;

    ConsoleSettings(GatewayConfig config) {
        this.config = config;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getConsoleSettings", summary = "What the web console needs to know of this gateway")
    @APIResponse(responseCode = "200", description = "The settings")
    public Settings settings() {
        return new Settings(config.console().jaegerUrl().orElse(null), config.devTokens().enabled());
    }
}
