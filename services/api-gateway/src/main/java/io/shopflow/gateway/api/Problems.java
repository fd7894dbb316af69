package io.shopflow.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopflow.gateway.config.GatewayConfig;
import io.shopflow.problems.Problem;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The gateway's own error answers, as problem+json like every service's, with no internal names in them; a 503
 * says when to come back ({@code Retry-After}).
 */
@ApplicationScoped
public class Problems {

    private final ObjectMapper json;
    private final String retryAfterSeconds;

    Problems(ObjectMapper json, GatewayConfig config) {
        this.json = json;
        this.retryAfterSeconds = Long.toString(config.retryAfter().toSeconds());
    }

    /** Answers a request the gateway handles itself. */
    public void answer(RoutingContext request, Problem problem) {
        if (problem.status() == 503) {
            request.response().putHeader(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
        }
        request.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(body(problem));
    }

    /** Answers a request on its way through the proxy, in place of the service's answer. */
    public ProxyResponse answer(ProxyContext context, Problem problem) {
        var response = context.request().release().response();
        if (problem.status() == 503) {
            response.putHeader(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
        } else if (problem.status() == 413) {
            // The client may still be sending; the rest is not read.
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        return response.setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .setBody(Body.body(body(problem)));
    }

    /** 401 with the challenge RFC 6750 asks for. */
    public void unauthenticated(RoutingContext request, String detail) {
        request.response().putHeader("WWW-Authenticate", "Bearer");
        answer(request, Problem.of("unauthenticated", "Unauthenticated", 401, detail, request.normalizedPath()));
    }

    public void forbidden(RoutingContext request, String detail) {
        answer(request, forbidden(detail, request.normalizedPath()));
    }

    /** 503: something the answer depends on cannot be reached now. */
    public void unavailable(RoutingContext request, String detail) {
        answer(request, unavailable(detail, request.normalizedPath()));
    }

    public static Problem forbidden(String detail, String path) {
        return Problem.of(Problem.FORBIDDEN, "Forbidden", 403, detail, path);
    }

    public static Problem unavailable(String detail, String path) {
        return Problem.of(Problem.UNAVAILABLE, "Service unavailable", 503, detail, path);
    }

    private Buffer body(Problem problem) {
        try {
            return Buffer.buffer(json.writeValueAsBytes(problem));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem that cannot be written as JSON: " + problem, e);
        }
    }
}
