package io.shopflow.gateway;

import io.vertx.core.http.HttpServerRequest;
import java.util.Arrays;
import java.util.Optional;

/**
 * "A user may only read and act on their own resources unless an admin", for resources whose owner the request
 * itself names: in the path ({@code owner=path}, the segment after the route's prefix) or in a query parameter
 * ({@code owner=query:<name>}). A request that names no owner (a list of everyone's) is for admins only.
 */
final class Ownership {

    private static final String QUERY = "query:";

    private final String rule;

    private Ownership(String rule) {
        if (!rule.equals("path") && !(rule.startsWith(QUERY) && rule.length() > QUERY.length())) {
            throw new IllegalArgumentException("An owner rule is 'path' or 'query:<parameter>', got '" + rule + "'");
        }
        this.rule = rule;
    }

    static Optional<Ownership> of(Optional<String> rule) {
        return rule.map(Ownership::new);
    }

    /** The owner the request names, if it names one; {@code path} is the normalized path under {@code pathPrefix}. */
    Optional<String> ownerOf(HttpServerRequest request, String path, String pathPrefix) {
        if (rule.startsWith(QUERY)) {
            // Named twice, the service might read the other one: such a request names no single owner.
            var named = request.params().getAll(rule.substring(QUERY.length()));
            return named.size() == 1 && !named.get(0).isBlank() ? Optional.of(named.get(0)) : Optional.empty();
        }
        return Arrays.stream(path.substring(pathPrefix.length()).split("/")).filter(segment -> !segment.isEmpty())
                .findFirst();
    }
}
