package io.shopflow.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopflow.problems.Problem;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/** The gateway's own error answers, as problem+json like every service's, with no internal names in them. */
@ApplicationScoped
class Problems {

    private final ObjectMapper json;

    Problems(ObjectMapper json) {
        this.json = json;
    }

    Buffer body(Problem problem) {
        try {
            return Buffer.buffer(json.writeValueAsBytes(problem));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem that cannot be written as JSON: " + problem, e);
        }
    }

    void answer(RoutingContext request, Problem problem) {
        request.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(body(problem));
    }

    /** 401 with the challenge RFC 6750 asks for. */
    void unauthenticated(RoutingContext request, String detail) {
        request.response().putHeader("WWW-Authenticate", "Bearer");
        answer(request, Problem.of("unauthenticated", "Unauthenticated", 401, detail, request.normalizedPath()));
    }
}
