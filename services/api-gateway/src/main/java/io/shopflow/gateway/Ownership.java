package io.shopflow.gateway;

import io.vertx.core.http.HttpServerRequest;
import java.util.Optional;

/**
 * "A user may only read and act on their own resources unless an admin". The request names the owner in the path
 * ({@code owner=path}: the segment after the route's prefix, or the one its {@code *} stands for) or in a query
 * parameter ({@code owner=query:<name>}); or it names an order there ({@code owner=order}) and the owner is that
 * order's user, which only order-service knows. A request that names no owner (a list of everyone's) is for
 * admins only.
 */
final class Ownership {

    private static final String QUERY = "query:";
    private static final String PATH = "path";
    private static final String ORDER = "order";

    private final String rule;

    private Ownership(String rule) {
        if (!rule.equals(PATH) && !rule.equals(ORDER) && !(rule.startsWith(QUERY) && rule.length() > QUERY.length())) {
            throw new IllegalArgumentException("An owner rule is 'path', 'order' or 'query:<parameter>', got '"
                    + rule + "'");
        }
        this.rule = rule;
    }

    static Optional<Ownership> of(Optional<String> rule) {
        return rule.map(Ownership::new);
    }

    /** Whether {@link #named} is an order's id rather than its owner's. */
    boolean throughOrder() {
        return rule.equals(ORDER);
    }

    /** What the request names: the owner, or the order ({@link #throughOrder()}); {@code path} is normalized. */
    Optional<String> named(HttpServerRequest request, String path, String pathPrefix) {
        if (rule.startsWith(QUERY)) {
            // Named twice, the service might read the other one: such a request names no single owner.
            var named = request.params().getAll(rule.substring(QUERY.length()));
            return named.size() == 1 && !named.get(0).isBlank() ? Optional.of(named.get(0)) : Optional.empty();
        }
        return segmentAt(path, pathPrefix);
    }

    /** The segment of {@code path} that the prefix's {@code *} stands for, or else the first one after the prefix. */
    static Optional<String> segmentAt(String path, String pathPrefix) {
        var prefix = RouteTable.segments(pathPrefix);
        int wildcard = prefix.indexOf(RouteTable.ANY_SEGMENT);
        int at = wildcard >= 0 ? wildcard : prefix.size();
        var segments = RouteTable.segments(path);
        return at < segments.size() ? Optional.of(segments.get(at)) : Optional.empty();
    }
}
