package io.shopflow.order.client;

/**
 * A call that failed in a way worth trying again (the other side is down, overloaded or too slow), as opposed to
 * an answer (not found, invalid argument) that would be the same next time. Retries and circuit breakers count
 * only these.
 */
public class RetryableCallException extends RuntimeException {

    public RetryableCallException(String message, Throwable cause) {
        super(message, cause);
    }
}
