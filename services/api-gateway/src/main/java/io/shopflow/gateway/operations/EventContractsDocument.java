package io.shopflow.gateway.operations;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The platform's events as one AsyncAPI document, at {@code GET /asyncapi} next to the public API's OpenAPI
 * document ({@link PublicApiDocument}) and open like it: no credentials, no rate limit of a route. The
 * document is event-contracts' {@code asyncapi/shopflow-events.json}, generated from the event catalogue at build
 * time (docs/events.md), so it is served as it is.
 */
@ApplicationScoped
public class EventContractsDocument {

    public static final String PATH = "/asyncapi";
    private static final String RESOURCE = "asyncapi/shopflow-events.json";

    private final Buffer document = classpathBytes(RESOURCE);

    void mount(@Observes StartupEvent start, Router router) {
        router.get(PATH).handler(this::answer);
    }

    private void answer(RoutingContext request) {
        request.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(document);
    }

    private static Buffer classpathBytes(String resource) {
        try (InputStream in = EventContractsDocument.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
