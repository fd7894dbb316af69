package io.shopflow.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopflow.gateway.config.GatewayConfig.Access;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private static RouteTable.Route route(String name, String prefix, String... methods) {
        return new RouteTable.Route(name, prefix, Set.of(methods), Access.PUBLIC, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(name + "-service"), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofSeconds(1));
    }

    private final RouteTable table = new RouteTable(List.of(
            route("orders-read", "/api/v1/orders", "GET"),
            route("orders-write", "/api/v1/orders", "POST"),
            route("order-details", "/api/v1/orders/details"),
            route("order-history", "/api/v1/orders/*/history"),
            route("root", "/")));

    private String routeFor(String path, String method) {
        var match = table.find(path, method);
        return match instanceof RouteTable.Found found ? found.route().name() : match.toString();
    }

    @Test
    void the_longest_prefix_that_matches_on_whole_segments_wins() {
        assertThat(routeFor("/api/v1/orders/details/7", "DELETE")).isEqualTo("order-details");
        assertThat(routeFor("/api/v1/orders/7", "GET")).isEqualTo("orders-read");
        assertThat(routeFor("/api/v1/orders", "GET")).isEqualTo("orders-read");
        assertThat(routeFor("/api/v1/ordersX", "GET")).isEqualTo("root");
        assertThat(new RouteTable(List.of(route("orders", "/api/v1/orders"))).find("/api/v1/ordersX", "GET"))
                .isInstanceOf(RouteTable.NotFound.class);
    }

    @Test
    void a_star_stands_for_any_one_segment_and_a_trailing_slash_takes_only_paths_below() {
        assertThat(routeFor("/api/v1/orders/7/history", "GET")).isEqualTo("order-history");
        assertThat(routeFor("/api/v1/orders/7/history/2", "GET")).isEqualTo("order-history");
        var below = new RouteTable(List.of(route("one-order", "/api/v1/orders/")));
        assertThat(below.find("/api/v1/orders/7", "GET")).isInstanceOf(RouteTable.Found.class);
        assertThat(below.find("/api/v1/orders", "GET")).as("nothing below the prefix")
                .isInstanceOf(RouteTable.NotFound.class);
        assertThat(Ownership.segmentAt("/api/v1/orders/7/history", "/api/v1/orders/*/history")).contains("7");
        assertThat(Ownership.segmentAt("/api/v1/orders/7", "/api/v1/orders/")).contains("7");
        assertThat(Ownership.segmentAt("/api/v1/orders", "/api/v1/orders")).isEmpty();
    }

    @Test
    void routes_sharing_a_prefix_split_it_by_method_and_other_methods_are_not_allowed() {
        assertThat(routeFor("/api/v1/orders", "post")).isEqualTo("orders-write");
        assertThat(table.find("/api/v1/orders/7", "DELETE")).isEqualTo(new RouteTable.MethodNotAllowed(Set.of("GET", "POST")));
    }
}
