package io.shopflow.gateway;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /console/settings}: what the web console (static files under /console/) needs to know of this
 * gateway's configuration: where Jaeger's UI is, for links to an order's trace, and whether it may sign in with a
 * development token.
 */
@Path("/console/settings")
public class ConsoleSettings {

    public record Settings(String jaegerUrl, boolean devTokens) {
    }

    private final GatewayConfig config;

    ConsoleSettings(GatewayConfig config) {
        this.config = config;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Settings settings() {
        return new Settings(config.console().jaegerUrl().orElse(null), config.devTokens().enabled());
    }
}
