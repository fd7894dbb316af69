package io.shopflow.observability;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Gives every HTTP request its correlation id before anything else handles it: the caller's when well-formed,
 * else a new one. The id is set on the request itself (so the gateway forwards exactly this one), returned on the
 * answer, and made current for the request's log lines and the events it writes.
 */
@ApplicationScoped
class CorrelationFilter {

    /** Ahead of Quarkus' own filters (CORS, security), so their log lines and answers carry the id too. */
    private static final int BEFORE_OTHER_FILTERS = 10_000;

    private final String header;

    CorrelationFilter(CorrelationConfig config) {
        this.header = config.header();
    }

    void register(@Observes Filters filters) {
        filters.register(this::correlate, BEFORE_OTHER_FILTERS);
    }

    private void correlate(RoutingContext context) {
        String id = CorrelationId.acceptedOrNew(context.request().getHeader(header));
        context.request().headers().set(header, id);
        context.response().putHeader(header, id);
        CorrelationId.set(id);
        context.next();
    }
}
