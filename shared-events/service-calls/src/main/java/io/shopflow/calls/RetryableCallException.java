package io.shopflow.calls;

/**
 * A call that failed in a way worth trying again (see {@link CallFailure#retryable()}): the one exception class
 * that client beans name in {@code @Retry(retryOn = ...)} and {@code @CircuitBreaker(failOn = ...)}.
 */
public class RetryableCallException extends RuntimeException {

    private final CallFailure kind;

    public RetryableCallException(String call, CallFailure kind, Throwable cause) {
        super(call + " failed: " + kind, cause);
        this.kind = kind;
    }

    public CallFailure kind() {
        return kind;
    }
}
