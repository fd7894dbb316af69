package io.shopflow.order.app;

import io.shopflow.calls.RetryableCallException;
import io.shopflow.order.config.OrderServiceConfig;
import io.shopflow.problems.ServiceUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * What the client hears when a service an order needs cannot answer: 503 with Retry-After once retries are
 * spent or the breaker is open, so nothing is written and the client may try again; other failures unchanged.
 */
@ApplicationScoped
public class DependencyFailures {

    private final OrderServiceConfig config;

    public DependencyFailures(OrderServiceConfig config) {
        this.config = config;
    }

    Throwable translate(String service, Throwable failure) {
        if (failure instanceof RetryableCallException || failure instanceof TimeoutException
                || failure instanceof CircuitBreakerOpenException) {
            return unavailable(service);
        }
        return failure;
    }

    ServiceUnavailableException unavailable(String service) {
        return new ServiceUnavailableException(service + " is unavailable; no order was placed", config.retryAfter());
    }
}
