package io.shopflow.gateway.route;

import io.vertx.core.http.HttpServerRequest;
import java.util.Optional;

/**
 * "A user may only read and act on their own resources unless an admin" ({@code access=owner}), by where the owner
 * is found. The request names the owner in the path ({@code owner=path}: the segment after the route's prefix, or
 * the one its {@code *} stands for) or in a query parameter ({@code owner=query:<name>}); or it names an order there
 * ({@code owner=order}) and the owner is that order's user, which the gateway asks order-service. Two owners are
 * checked past the gateway's front door: the body's ({@code owner=body}, by the route's {@code checks}, which read
 * the body) and the object's ({@code owner=object}, by the service that loads it, against the caller the gateway
 * passes). A request that names no owner (a list of everyone's) is for admins only.
 */
public final class Ownership {

    /** Where the owner is found. */
    public enum Source { PATH, QUERY, ORDER, BODY, OBJECT }

    private static final String QUERY = "query:";

    private final Source source;
    /** The query parameter, for {@link Source#QUERY}. */
    private final String parameter;

    private Ownership(String rule) {
        if (rule.startsWith(QUERY) && rule.length() > QUERY.length()) {
            this.source = Source.QUERY;
            this.parameter = rule.substring(QUERY.length());
            return;
        }
        this.parameter = null;
        this.source = switch (rule) {
            case "path" -> Source.PATH;
            case "order" -> Source.ORDER;
            case "body" -> Source.BODY;
            case "object" -> Source.OBJECT;
            default -> throw new IllegalArgumentException("An owner rule is 'path', 'query:<parameter>', 'order', "
                    + "'body' or 'object', got '" + rule + "'");
        };
    }

    static Optional<Ownership> of(Optional<String> rule) {
        return rule.map(Ownership::new);
    }

    public Source source() {
        return source;
    }

    /** Whether {@link #named} is an order's id rather than its owner's. */
    public boolean throughOrder() {
        return source == Source.ORDER;
    }

    /** Whether the owner is checked after the gateway's front door: by the route's checks, or by the service. */
    public boolean checkedBeyondTheRequestLine() {
        return source == Source.BODY || source == Source.OBJECT;
    }

    /** What the request names: the owner, or the order ({@link #throughOrder()}); {@code path} is normalized. */
    public Optional<String> named(HttpServerRequest request, String path, String pathPrefix) {
        if (source == Source.QUERY) {
            // Named twice, the service might read the other one: such a request names no single owner.
            var named = request.params().getAll(parameter);
            return named.size() == 1 && !named.get(0).isBlank() ? Optional.of(named.get(0)) : Optional.empty();
        }
        return segmentAt(path, pathPrefix);
    }

    /** The segment of {@code path} that the prefix's {@code *} stands for, or else the first one after the prefix. */
    public static Optional<String> segmentAt(String path, String pathPrefix) {
        var prefix = RouteTable.segments(pathPrefix);
        int wildcard = prefix.indexOf(RouteTable.ANY_SEGMENT);
        int at = wildcard >= 0 ? wildcard : prefix.size();
        var segments = RouteTable.segments(path);
        return at < segments.size() ? Optional.of(segments.get(at)) : Optional.empty();
    }
}
