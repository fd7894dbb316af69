package io.shopflow.gateway;

import io.shopflow.gateway.GatewayConfig.Authentication;
import io.shopflow.gateway.GatewayConfig.Check;
import io.shopflow.gateway.GatewayConfig.View;
import java.time.Duration;
import java.util.Arrays;
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

    /** A route as the gateway forwards it (to {@code service}) or answers it itself (a {@code view}). */
    record Route(String name, String pathPrefix, Set<String> methods, Authentication authentication,
                 Optional<String> permission, Optional<Ownership> ownership, Optional<String> adminPermission,
                 Optional<List<String>> rateLimits, Optional<String> service, Optional<View> view,
                 Optional<Check> checks, Optional<Versioning> versioning, Duration timeout) {

        /** Whether {@code path} is under the prefix: each segment equal, or any one where the prefix says {@code *}. */
        boolean matches(String path) {
            var wanted = segments(pathPrefix);
            var given = segments(path);
            if (given.size() < wanted.size() + (pathPrefix.endsWith("/") ? 1 : 0)) {
                return false;
            }
            for (int i = 0; i < wanted.size(); i++) {
                if (!wanted.get(i).equals(ANY_SEGMENT) && !wanted.get(i).equals(given.get(i))) {
                    return false;
                }
            }
            return true;
        }

        /** Whether the route accepts {@code method}; a route without methods accepts all. */
        boolean accepts(String method) {
            return methods.isEmpty() || methods.contains(method.toUpperCase(Locale.ROOT));
        }
    }

    static final String ANY_SEGMENT = "*";

    static List<String> segments(String path) {
        return Arrays.stream(path.split("/")).filter(segment -> !segment.isEmpty()).toList();
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
        return new RouteTable(config.routes().entrySet().stream().map(entry -> route(entry, config)).toList());
    }

    private static Route route(Map.Entry<String, GatewayConfig.Route> entry, GatewayConfig config) {
        var route = entry.getValue();
        String name = "shopflow.gateway.routes." + entry.getKey();
        if (!route.pathPrefix().startsWith("/")) {
            throw new IllegalArgumentException(name + ".path-prefix must start with '/', got '" + route.pathPrefix() + "'");
        }
        if (route.service().isPresent() == route.view().isPresent()) {
            throw new IllegalArgumentException(name + " needs either a service to forward to or a view, not both");
        }
        var methods = new TreeSet<String>();
        route.methods().ifPresent(names -> names.forEach(method -> methods.add(method.trim().toUpperCase(Locale.ROOT))));
        var versioning = route.successor().map(successor -> {
            var next = config.routes().get(successor);
            if (next == null) {
                throw new IllegalArgumentException(name + ".successor names the route '" + successor
                        + "', which shopflow.gateway.routes does not define");
            }
            return new Versioning(route.pathPrefix(), next.pathPrefix(), route.successorMediaType(),
                    route.deprecatedSince(), route.sunset());
        });
        return new Route(entry.getKey(), route.pathPrefix(), Collections.unmodifiableSet(methods),
                route.authentication(), route.permission(), Ownership.of(route.owner()), route.adminPermission(),
                route.rateLimits(), route.service(), route.view(), route.checks(), versioning, route.timeout());
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
