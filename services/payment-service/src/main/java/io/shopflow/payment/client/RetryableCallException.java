package io.shopflow.payment.client;

/** The provider could not answer (5xx, timeout, no connection): retries and the circuit breaker count only these. */
public class RetryableCallException extends RuntimeException {

    public RetryableCallException(String message, Throwable cause) {
        super(message, cause);
    }
}
