package io.shopflow.gateway;

import io.shopflow.gateway.GatewayConfig.Authentication;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which route a request takes: among the routes whose path prefix matches on whole segments, the longest prefix,
 * and of those the one that takes the request's method. Several routes may share a prefix with different
 * methods, e.g. to ask a different permission for reading and for writing.
 */
final class RouteTable {

    /** A route as the gateway forwards it. */
    record Route(String name, String pathPrefix, Set<String> methods, Authentication authentication,
                 Optional<String> permission, Optional<Ownership> ownership, Optional<String> adminPermission,
                 Optional<List<String>> rateLimits, String service, Duration timeout) {

        boolean matches(String path) {
            return path.equals(pathPrefix) || path.startsWith(pathPrefix.endsWith("/") ? pathPrefix : pathPrefix + "/");
        }

        /** Whether the route accepts {@code method}; a route without methods accepts all. */
        boolean accepts(String method) {
            return methods.isEmpty() || methods.contains(method.toUpperCase(Locale.ROOT));
        }
    }

    /** What the table says about a request: a route, a path without one, or a path whose routes take other methods. */
    sealed interface Match permits Found, NotFound, MethodNotAllowed {
    }

    record Found(Route route) implements Match {
    }

    record NotFound() implements Match {
    }

    record MethodNotAllowed(Set<String> allowed) implements Match {
    }

    private final List<Route> routes;

    RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    static RouteTable of(GatewayConfig config) {
        return new RouteTable(config.routes().entrySet().stream().map(RouteTable::route).toList());
    }

    private static Route route(Map.Entry<String, GatewayConfig.Route> entry) {
        var route = entry.getValue();
        if (!route.pathPrefix().startsWith("/")) {
            throw new IllegalArgumentException("shopflow.gateway.routes." + entry.getKey()
                    + ".path-prefix must start with '/', got '" + route.pathPrefix() + "'");
        }
        var methods = new TreeSet<String>();
        route.methods().ifPresent(names -> names.forEach(name -> methods.add(name.trim().toUpperCase(Locale.ROOT))));
        return new Route(entry.getKey(), route.pathPrefix(), Collections.unmodifiableSet(methods),
                route.authentication(), route.permission(), Ownership.of(route.owner()), route.adminPermission(),
                route.rateLimits(), route.service(), route.timeout());
    }

    Match find(String path, String method) {
        int longest = routes.stream().filter(route -> route.matches(path))
                .mapToInt(route -> route.pathPrefix().length()).max().orElse(-1);
        if (longest < 0) {
            return new NotFound();
        }
        var candidates = routes.stream()
                .filter(route -> route.matches(path) && route.pathPrefix().length() == longest).toList();
        return candidates.stream().filter(route -> route.accepts(method)).findFirst().<Match>map(Found::new)
                .orElseGet(() -> new MethodNotAllowed(Collections.unmodifiableSet(new TreeSet<>(
                        candidates.stream().flatMap(route -> route.methods().stream()).toList()))));
    }

    List<Route> routes() {
        return routes;
    }
}
