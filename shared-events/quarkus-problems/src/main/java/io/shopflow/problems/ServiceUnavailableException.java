package io.shopflow.problems;

import java.time.Duration;

/**
 * Something the request needs is unavailable for now (a service it depends on is down or its circuit breaker is
 * open): 503 {@code unavailable} with a {@code Retry-After}, so clients back off instead of hammering.
 */
public class ServiceUnavailableException extends ProblemException {

    private final Duration retryAfter;

    public ServiceUnavailableException(String detail, Duration retryAfter) {
        super(Problem.UNAVAILABLE, "Service unavailable", 503, detail);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
