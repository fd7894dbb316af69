package io.shopflow.problems;

import io.grpc.Status;

/**
 * What the call would create exists already: 409 with the service's problem type, and over gRPC the precise
 * ALREADY_EXISTS rather than the FAILED_PRECONDITION a 409 otherwise maps to. Here so that a service's domain can
 * say so without naming a gRPC type.
 */
public abstract class AlreadyExistsException extends ProblemException {

    protected AlreadyExistsException(String slug, String title, String detail) {
        super(slug, title, 409, detail);
    }

    @Override
    protected Status.Code grpcCode() {
        return Status.Code.ALREADY_EXISTS;
    }
}
