package io.shopflow.gateway.route;

import io.shopflow.gateway.config.GatewayConfig.Access;
import io.shopflow.gateway.config.GatewayConfig.Check;
import io.shopflow.gateway.config.GatewayConfig.View;
import io.shopflow.gateway.config.GatewayConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
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
public final class RouteTable {

    /** A route as the gateway forwards it (to {@code service}) or answers it itself (a {@code view}). */
    public record Route(String name, String pathPrefix, Set<String> methods, Access access,
                 Optional<String> permission, Optional<Ownership> ownership, Optional<String> adminPermission,
                 Optional<List<String>> rateLimits, Optional<String> service, Optional<String> servicePathPrefix,
                 Optional<View> view, Optional<Check> checks, Optional<Versioning> versioning, Duration timeout) {

        /** Whether the route accepts {@code method}; a route without methods accepts all. */
        boolean accepts(String method) {
            return methods.isEmpty() || methods.contains(method.toUpperCase(Locale.ROOT));
        }
    }

    public static final String ANY_SEGMENT = "*";

    public static List<String> segments(String path) {
        var segments = new ArrayList<String>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        return segments;
    }

    /** A route with its prefix split into segments once, so that a request costs one split of its own path. */
    private record Prefixed(Route route, List<String> wanted, int segmentsNeeded) {

        static Prefixed of(Route route) {
            var segments = segments(route.pathPrefix());
            return new Prefixed(route, segments, segments.size() + (route.pathPrefix().endsWith("/") ? 1 : 0));
        }

        /** Whether the path is under the prefix: each segment equal, or any one where the prefix says {@code *}. */
        boolean matches(List<String> path) {
            if (path.size() < segmentsNeeded) {
                return false;
            }
            for (int i = 0; i < wanted.size(); i++) {
                if (!wanted.get(i).equals(ANY_SEGMENT) && !wanted.get(i).equals(path.get(i))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** What the table says about a request: a route, a path without one, or a path whose routes take other methods. */
    public sealed interface Match permits Found, NotFound, MethodNotAllowed {
    }

    public record Found(Route route) implements Match {
    }

    public record NotFound() implements Match {
    }

    public record MethodNotAllowed(Set<String> allowed) implements Match {
    }

    private final List<Route> routes;
    /** Longest prefix first; routes with prefixes of the same length keep their order. */
    private final List<Prefixed> longestFirst;

    RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
        this.longestFirst = routes.stream().map(Prefixed::of)
                .sorted(Comparator.comparingInt((Prefixed prefixed) -> prefixed.route().pathPrefix().length()).reversed())
                .toList();
    }

    public static RouteTable of(GatewayConfig config) {
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
        if (route.servicePathPrefix().isPresent()
                && (route.service().isEmpty() || route.pathPrefix().contains(ANY_SEGMENT))) {
            throw new IllegalArgumentException(name + ".service-path-prefix needs a service and a path prefix without '*'");
        }
        var ownership = Ownership.of(route.owner());
        checkAccess(name, route, ownership);
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
                route.access(), route.permission(), ownership, route.adminPermission(),
                route.rateLimits(), route.service(), route.servicePathPrefix(), route.view(), route.checks(), versioning,
                route.timeout());
    }

    /**
     * The route's access rule is whole, and it says nothing that its kind of access would ignore: a permission or
     * owner on a public route, say, would look like a protection that is not there.
     */
    private static void checkAccess(String name, GatewayConfig.Route route, Optional<Ownership> ownership) {
        boolean ownerInBody = ownership.filter(owner -> owner.source() == Ownership.Source.BODY).isPresent();
        switch (route.access()) {
            case PUBLIC -> require(route.permission().isEmpty() && ownership.isEmpty()
                    && route.adminPermission().isEmpty() && route.checks().isEmpty(),
                    name + " is access=public: it takes no permission, owner, admin-permission or checks");
            case PERMISSION -> require(route.permission().isPresent() && ownership.isEmpty()
                    && route.adminPermission().isEmpty(),
                    name + " is access=permission: it needs a permission, and takes no owner or admin-permission");
            case OWNER -> require(ownership.isPresent() && route.adminPermission().isPresent(),
                    name + " is access=owner: it needs an owner and the admin-permission that reaches everyone's");
        }
        // The body's owner is checked by the order-placement checks, which read the body; they check nothing else.
        require(ownerInBody == route.checks().isPresent(),
                name + ": owner=body and checks=order-placement go together (the checks read the body's owner)");
    }

    private static void require(boolean rule, String otherwise) {
        if (!rule) {
            throw new IllegalArgumentException(otherwise);
        }
    }

    /** The route for a request: the first to take its method among those with the longest matching prefix. */
    public Match find(String path, String method) {
        var segments = segments(path);
        int longest = -1;
        Set<String> allowed = null; // made only for a 405: this runs for every request
        for (var candidate : longestFirst) {
            int length = candidate.route().pathPrefix().length();
            if (length < longest) {
                break;
            }
            if (candidate.matches(segments)) {
                if (candidate.route().accepts(method)) {
                    return new Found(candidate.route());
                }
                longest = length;
                allowed = allowed == null ? new TreeSet<>() : allowed;
                allowed.addAll(candidate.route().methods());
            }
        }
        return allowed == null ? new NotFound() : new MethodNotAllowed(Collections.unmodifiableSet(allowed));
    }

    public List<Route> routes() {
        return routes;
    }
}
