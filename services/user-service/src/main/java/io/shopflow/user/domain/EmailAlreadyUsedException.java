package io.shopflow.user.domain;

import io.grpc.Status;
import io.shopflow.problems.ProblemException;

public class EmailAlreadyUsedException extends ProblemException {
    public EmailAlreadyUsedException(String email) {
        super("email-taken", "The email is already registered", 409, "The email " + email + " is already registered");
    }

    /** Over gRPC the precise code: what the call would create exists already. */
    @Override
    protected Status.Code grpcCode() {
        return Status.Code.ALREADY_EXISTS;
    }
}
