package io.shopflow.calls;

import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.net.SocketException;
import java.util.concurrent.TimeoutException;

/**
 * What went wrong with a call to another service: the error taxonomy of seed 003, with gRPC status codes and
 * HTTP statuses mapped onto it in this one place. Only the retryable kinds are worth another attempt (and count
 * against a circuit breaker); the others are answers that would be the same next time.
 */
public enum CallFailure {
    /** No answer at all: connection refused, reset or closed before the answer. */
    NETWORK(true),
    /** The other side took longer than the deadline (gRPC DEADLINE_EXCEEDED, HTTP 408 and 504, our own timeout). */
    TIMEOUT(true),
    /** The other side sheds load (gRPC RESOURCE_EXHAUSTED, HTTP 429): later, with backoff. */
    RATE_LIMITED(true),
    /** The other side is down or restarting (gRPC UNAVAILABLE, HTTP 502 and 503). */
    UNAVAILABLE(true),
    /** The other side gave up because of a concurrent change (gRPC ABORTED): the same call may succeed now. */
    CONTENTION(true),
    /**
     * The call broke off and its outcome is unknown (gRPC CANCELLED when our side did not cancel, UNKNOWN): an
     * instance shut down or its connection broke mid-call; the gRPC clients report it so, without detail. Worth
     * another attempt because calls between our services are reads (changes travel as events), so asking again
     * cannot do anything twice; the retry budget bounds what a server bug reported as UNKNOWN costs.
     */
    INTERRUPTED(true),
    /** The request is wrong (gRPC INVALID_ARGUMENT and OUT_OF_RANGE, HTTP 400, 422 and other 4xx). */
    INVALID(false),
    /** No or bad credentials (gRPC UNAUTHENTICATED, HTTP 401). */
    UNAUTHENTICATED(false),
    /** Credentials without the permission (gRPC PERMISSION_DENIED, HTTP 403). */
    FORBIDDEN(false),
    /** The thing asked for does not exist (gRPC NOT_FOUND, HTTP 404 and 410). */
    NOT_FOUND(false),
    /** The state forbids it (gRPC ALREADY_EXISTS and FAILED_PRECONDITION, HTTP 409 and 412). */
    CONFLICT(false),
    /**
     * A bug or a contract mismatch on either side (gRPC INTERNAL, UNIMPLEMENTED, DATA_LOSS, HTTP 500 and other
     * 5xx, anything unrecognised): trying again would fail again, so it is not retried.
     */
    INTERNAL(false);

    private final boolean retryable;

    CallFailure(boolean retryable) {
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }

    public static CallFailure of(Status.Code code) {
        return switch (code) {
            case DEADLINE_EXCEEDED -> TIMEOUT;
            case RESOURCE_EXHAUSTED -> RATE_LIMITED;
            case UNAVAILABLE -> UNAVAILABLE;
            case ABORTED -> CONTENTION;
            case INVALID_ARGUMENT, OUT_OF_RANGE -> INVALID;
            case UNAUTHENTICATED -> UNAUTHENTICATED;
            case PERMISSION_DENIED -> FORBIDDEN;
            case NOT_FOUND -> NOT_FOUND;
            case ALREADY_EXISTS, FAILED_PRECONDITION -> CONFLICT;
            case CANCELLED, UNKNOWN -> INTERRUPTED;
            case OK, UNIMPLEMENTED, INTERNAL, DATA_LOSS -> INTERNAL;
        };
    }

    public static CallFailure ofHttpStatus(int status) {
        return switch (status) {
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404, 410 -> NOT_FOUND;
            case 408, 504 -> TIMEOUT;
            case 409, 412 -> CONFLICT;
            case 429 -> RATE_LIMITED;
            case 502, 503 -> UNAVAILABLE;
            default -> status >= 400 && status < 500 ? INVALID : INTERNAL;
        };
    }

    /** The kind of {@code failure}, whichever client raised it; the causes of a wrapping failure are looked into. */
    public static CallFailure of(Throwable failure) {
        for (var cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StatusRuntimeException status) {
                return of(status.getStatus().getCode());
            }
            if (cause instanceof StatusException status) {
                return of(status.getStatus().getCode());
            }
            if (cause instanceof WebApplicationException web) {
                return ofHttpStatus(web.getResponse().getStatus());
            }
            if (cause instanceof TimeoutException
                    || cause instanceof org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException) {
                return TIMEOUT;
            }
            if (cause instanceof SocketException) {
                return NETWORK;
            }
        }
        // The REST client raises ProcessingException for whatever happened before an HTTP status existed: the
        // connection refused, reset or closed mid-answer (wrapped Vert.x and Netty exceptions).
        return failure instanceof ProcessingException ? NETWORK : INTERNAL;
    }

    /**
     * {@code failure} as a {@link RetryableCallException} when it is worth another attempt, unchanged otherwise:
     * for {@code .onFailure().transform(...)} in a client bean, so that {@code @Retry(retryOn = ...)} and
     * {@code @CircuitBreaker(failOn = ...)} name one exception class.
     */
    public static Throwable classify(String call, Throwable failure) {
        var kind = of(failure);
        return kind.retryable() ? new RetryableCallException(call, kind, failure) : failure;
    }
}
