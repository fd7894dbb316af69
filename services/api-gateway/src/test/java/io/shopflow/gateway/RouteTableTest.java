package io.shopflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private static RouteTable.Route route(String name, String prefix, String... methods) {
        return new RouteTable.Route(name, prefix, Set.of(methods), name + "-service", Duration.ofSeconds(1));
    }

    private final RouteTable table = new RouteTable(List.of(
            route("orders", "/api/v1/orders", "GET", "POST"),
            route("order-details", "/api/v1/orders/details"),
            route("root", "/")));

    @Test
    void the_longest_prefix_that_matches_on_whole_segments_wins() {
        assertThat(table.find("/api/v1/orders/details/7")).map(RouteTable.Route::name).contains("order-details");
        assertThat(table.find("/api/v1/orders/7")).map(RouteTable.Route::name).contains("orders");
        assertThat(table.find("/api/v1/orders")).map(RouteTable.Route::name).contains("orders");
        assertThat(table.find("/api/v1/ordersX")).map(RouteTable.Route::name).contains("root");
        assertThat(new RouteTable(List.of(route("orders", "/api/v1/orders"))).find("/api/v1/ordersX")).isEmpty();
    }

    @Test
    void a_route_takes_its_methods_in_any_case_and_all_when_it_names_none() {
        var orders = table.find("/api/v1/orders").orElseThrow();
        assertThat(orders.accepts("get")).isTrue();
        assertThat(orders.accepts("DELETE")).isFalse();
        assertThat(table.find("/api/v1/orders/details").orElseThrow().accepts("DELETE")).isTrue();
    }
}
