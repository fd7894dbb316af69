package io.shopflow.gateway.route;

import io.shopflow.gateway.config.GatewayConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The one {@link RouteTable}, read and checked from configuration once, for the proxy and the OpenAPI document. */
class Routes {

    @Produces
    @Singleton
    RouteTable routeTable(GatewayConfig config) {
        return RouteTable.of(config);
    }
}
