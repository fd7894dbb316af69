package io.shopflow.observability;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** A route of the test application that answers with the correlation id current while it handles the request. */
@ApplicationScoped
class CurrentCorrelationRoute {

    static final String PATH = "/test/correlation";

    void register(@Observes Router router) {
        router.get(PATH).handler(context -> context.end(CorrelationId.current().orElse("none")));
    }
}
