package io.shopflow.problems;

import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a NUL character (U+0000) in the path or query (400 before any resource sees it; {@link StrictJson}
 * refuses one in a JSON string). PostgreSQL text cannot hold one, so a lookup with it failed in the database (500)
 * instead of finding nothing; no identifier of the API has one. Found by the fuzz suite (deploy/system-tests).
 */
@Singleton
public class NulCharacters {

    private static final String ENCODED_NUL = "%00";

    /**
     * Looks at the request line as sent: a NUL can reach a path or query only percent-encoded, so one scan for
     * {@code %00} finds it without decoding the query on every request.
     */
    @ServerRequestFilter(preMatching = true)
    public Optional<RestResponse<Problem>> refuse(HttpServerRequest request) {
        if (!request.uri().contains(ENCODED_NUL)) {
            return Optional.empty();
        }
        return Optional.of(Problem.of(Problem.MALFORMED_REQUEST, "The request could not be read", 400,
                "The path or query holds a NUL character (%00)", request.path()).answer());
    }
}
