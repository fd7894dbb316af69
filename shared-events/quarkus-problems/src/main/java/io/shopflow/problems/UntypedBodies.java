package io.shopflow.problems;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a request body sent without a {@code Content-Type} with 415. Quarkus REST lets such a body through to a
 * method that consumes JSON and reads it as JSON anyway, so a client that never said what it sent still registered
 * a user (201): the media type is part of the contract, not a guess. A wrong type is refused by Quarkus itself (415,
 * answered as a problem by {@link ProblemMappers}); a request without a body (a refund's POST) needs none.
 */
@Singleton
public class UntypedBodies {

    @ServerRequestFilter(preMatching = true)
    public Optional<RestResponse<Problem>> refuse(HttpServerRequest request) {
        if (request.getHeader(HttpHeaders.CONTENT_TYPE) != null || !hasBody(request)) {
            return Optional.empty();
        }
        return Optional.of(Problem.of(Problem.HTTP, "The request was refused", 415,
                "The body has no Content-Type; send it as application/json", request.path()).answer());
    }

    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null || (length != null && !length.equals("0"));
    }
}
