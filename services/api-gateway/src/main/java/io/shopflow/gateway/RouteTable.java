package io.shopflow.gateway;

import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Which route a request takes: the longest path prefix that matches on whole segments. */
final class RouteTable {

    /** A route as the gateway forwards it. */
    record Route(String name, String pathPrefix, Set<String> methods, String service, Duration timeout) {

        boolean matches(String path) {
            return path.equals(pathPrefix) || path.startsWith(pathPrefix.endsWith("/") ? pathPrefix : pathPrefix + "/");
        }

        /** Whether the route accepts {@code method}; a route without methods accepts all. */
        boolean accepts(String method) {
            return methods.isEmpty() || methods.contains(method.toUpperCase(Locale.ROOT));
        }
    }

    private final List<Route> byLongestPrefix;

    RouteTable(List<Route> routes) {
        this.byLongestPrefix = routes.stream()
                .sorted(Comparator.comparingInt((Route route) -> route.pathPrefix().length()).reversed())
                .toList();
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
        return new Route(entry.getKey(), route.pathPrefix(), Collections.unmodifiableSet(methods), route.service(),
                route.timeout());
    }

    /** The route whose prefix matches {@code path} most specifically, whatever the method. */
    Optional<Route> find(String path) {
        return byLongestPrefix.stream().filter(route -> route.matches(path)).findFirst();
    }

    List<Route> routes() {
        return byLongestPrefix;
    }
}
