package io.shopflow.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.runtime.configuration.DurationConverter;
import io.shopflow.gateway.config.GatewayConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every route declares who may reach it, and a declaration that is missing or says more than its kind of access
 * uses stops the gateway's start: the gateway's own routes (its application.properties) with one route added or
 * changed, read as Quarkus reads them at start.
 */
class RouteAccessTest {

    private static final String ROUTE = "shopflow.gateway.routes.invoices.";

    private static RouteTable routesWith(Map<String, String> changes) {
        try {
            var config = new SmallRyeConfigBuilder().withMapping(GatewayConfig.class)
                    .withConverter(Duration.class, 100, new DurationConverter()) // "2s", as Quarkus reads it
                    .withSources(new PropertiesConfigSource(RouteAccessTest.class.getResource("/application.properties"),
                            100))
                    .withSources(new PropertiesConfigSource(changes, "changes", 200))
                    .build();
            return RouteTable.of(config.getConfigMapping(GatewayConfig.class));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void every_route_of_the_gateway_declares_its_access() {
        assertThat(routesWith(Map.of()).routes()).isNotEmpty()
                .allSatisfy(route -> assertThat(route.access()).as(route.name()).isNotNull());
    }

    @Test
    void a_route_that_declares_no_access_stops_the_start() {
        assertThatThrownBy(() -> routesWith(Map.of(ROUTE + "path-prefix", "/api/v1/invoices",
                ROUTE + "service", "payment-service")))
                .hasMessageContaining(ROUTE + "access");
    }

    @Test
    void a_declaration_that_is_not_whole_or_says_what_its_access_ignores_stops_the_start() {
        var invoices = Map.of(ROUTE + "path-prefix", "/api/v1/invoices", ROUTE + "service", "payment-service");
        assertThatThrownBy(() -> routesWith(with(invoices, "access", "public", "permission", "orders:read")))
                .hasMessageContaining("access=public");
        assertThatThrownBy(() -> routesWith(with(invoices, "access", "permission")))
                .hasMessageContaining("access=permission");
        assertThatThrownBy(() -> routesWith(with(invoices, "access", "owner", "owner", "object")))
                .as("no admin-permission").hasMessageContaining("access=owner");
        assertThatThrownBy(() -> routesWith(with(invoices, "access", "owner", "owner", "body",
                "admin-permission", "admin:orders")))
                .as("nothing reads the body's owner").hasMessageContaining("owner=body");
        assertThatThrownBy(() -> routesWith(with(invoices, "access", "owner", "owner", "anyone",
                "admin-permission", "admin:orders")))
                .hasMessageContaining("An owner rule is");

        assertThat(routesWith(with(invoices, "access", "owner", "owner", "object", "admin-permission", "admin:orders"))
                .find("/api/v1/invoices/7", "GET")).isInstanceOf(RouteTable.Found.class);
    }

    private static Map<String, String> with(Map<String, String> route, String... keysAndValues) {
        var changed = new HashMap<>(route);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            changed.put(ROUTE + keysAndValues[i], keysAndValues[i + 1]);
        }
        return changed;
    }
}
