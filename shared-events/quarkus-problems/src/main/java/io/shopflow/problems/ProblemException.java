package io.shopflow.problems;

import io.grpc.Status;

/**
 * A failure the client can act on, with its problem type: services throw subclasses from their domain
 * (unknown user, email taken, not enough stock) and {@link ProblemMappers} answers them, so no service writes a
 * mapper per exception; over gRPC {@link GrpcProblems} answers them with {@link #grpcCode()}. The message becomes
 * the problem's {@code detail} (the status description over gRPC): write it for the client.
 */
public abstract class ProblemException extends RuntimeException {

    private final String slug;
    private final String title;
    private final int status;

    protected ProblemException(String slug, String title, int status, String detail) {
        super(detail);
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    /**
     * The gRPC status code of the same failure: by default the one gRPC pairs with the HTTP status (a 409 is a state
     * that forbids the call, FAILED_PRECONDITION); a failure that means something more precise says so.
     */
    protected Status.Code grpcCode() {
        return switch (status) {
            case 400 -> Status.Code.INVALID_ARGUMENT;
            case 401 -> Status.Code.UNAUTHENTICATED;
            case 403 -> Status.Code.PERMISSION_DENIED;
            case 404 -> Status.Code.NOT_FOUND;
            case 429 -> Status.Code.RESOURCE_EXHAUSTED;
            case 503 -> Status.Code.UNAVAILABLE;
            default -> status < 500 ? Status.Code.FAILED_PRECONDITION : Status.Code.INTERNAL;
        };
    }

    public Problem toProblem(String instance) {
        return Problem.of(slug, title, status, getMessage(), instance);
    }
}
