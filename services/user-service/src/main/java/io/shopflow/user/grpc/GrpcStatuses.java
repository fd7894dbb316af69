package io.shopflow.user.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.shopflow.problems.FieldError;
import io.shopflow.user.domain.BatchTooLargeException;
import io.shopflow.user.domain.EmailAlreadyUsedException;
import io.shopflow.user.domain.InsufficientCreditException;
import io.shopflow.user.domain.InvalidUserIdException;
import io.shopflow.user.domain.UserNotFoundException;
import jakarta.validation.ConstraintViolationException;
import org.jboss.logging.Logger;

/** The gRPC counterpart of the REST problem mapping: one place that says which failure is which status. */
final class GrpcStatuses {

    private static final Logger LOG = Logger.getLogger(GrpcStatuses.class);

    private GrpcStatuses() {
    }

    static StatusRuntimeException toStatusException(Throwable failure) {
        return toStatus(failure).asRuntimeException();
    }

    private static Status toStatus(Throwable failure) {
        if (failure instanceof StatusRuntimeException already) {
            return already.getStatus();
        }
        if (failure instanceof ConstraintViolationException violations) {
            return Status.INVALID_ARGUMENT.withDescription(FieldError.describe(FieldError.of(violations)));
        }
        if (failure instanceof InvalidUserIdException || failure instanceof BatchTooLargeException) {
            return Status.INVALID_ARGUMENT.withDescription(failure.getMessage());
        }
        if (failure instanceof NumberFormatException) {
            return Status.INVALID_ARGUMENT.withDescription("initial_credit: is not a decimal number");
        }
        if (failure instanceof UserNotFoundException) {
            return Status.NOT_FOUND.withDescription(failure.getMessage());
        }
        if (failure instanceof EmailAlreadyUsedException) {
            return Status.ALREADY_EXISTS.withDescription(failure.getMessage());
        }
        if (failure instanceof InsufficientCreditException) {
            return Status.FAILED_PRECONDITION.withDescription(failure.getMessage());
        }
        LOG.error("Unexpected failure in a gRPC call", failure);
        return Status.INTERNAL.withDescription("The call failed; it has been logged");
    }
}
