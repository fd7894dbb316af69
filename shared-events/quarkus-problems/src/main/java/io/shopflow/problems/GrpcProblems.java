package io.shopflow.problems;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.ExceptionHandler;
import io.quarkus.grpc.ExceptionHandlerProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolationException;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The gRPC face of {@link ProblemMappers}: every failure of a gRPC call leaves as a proper status. Invalid fields are
 * INVALID_ARGUMENT naming the field, a {@link ProblemException} has its own {@link ProblemException#grpcCode() code}
 * and detail, and anything unexpected is logged and answered INTERNAL without a word about it. (Quarkus' default
 * handler sends the exception's class and message, e.g. a database error, to the caller as UNKNOWN.)
 *
 * <p>A field at fault is named as the .proto spells it ({@code initial_credit}), whatever the Java code calls it.
 *
 * <p>A description travels in a trailer, and clients refuse trailers past a few kilobytes (8 KiB in grpc-java) by
 * resetting the stream: one that quotes a long client value ("id must be a UUID, got '...'") is shortened to
 * {@value #MAX_DESCRIPTION} characters, found by the gRPC fuzzing pass.
 *
 * <p>Quarkus asks {@link #transform} for failures of the service's {@code Uni}/{@code Multi} and for exceptions
 * thrown before one exists, and the {@link ExceptionHandler} for those raised while the call is read.
 */
@ApplicationScoped
public class GrpcProblems implements ExceptionHandlerProvider {

    private static final Logger LOG = Logger.getLogger(GrpcProblems.class);
    /** Even in 3-byte characters percent-encoded (9 bytes each) well under the 8 KiB a client accepts. */
    static final int MAX_DESCRIPTION = 400;

    @Override
    public <ReqT, RespT> ExceptionHandler<ReqT, RespT> createHandler(ServerCall.Listener<ReqT> listener,
                                                                    ServerCall<ReqT, RespT> call, Metadata metadata) {
        return new ExceptionHandler<>(listener, call, metadata) {
            @Override
            protected void handleException(Throwable failure, ServerCall<ReqT, RespT> call, Metadata metadata) {
                call.close(toStatus(failure), new Metadata());
            }
        };
    }

    @Override
    public Throwable transform(Throwable failure) {
        return toStatus(failure).asRuntimeException();
    }

    static Status toStatus(Throwable failure) {
        Status status = statusOf(failure);
        String description = status.getDescription();
        return description == null || description.length() <= MAX_DESCRIPTION ? status
                : status.withDescription(description.substring(0, MAX_DESCRIPTION) + "... ("
                + description.length() + " characters)");
    }

    /** INVALID_ARGUMENT naming each field at fault as the .proto spells it ({@link #protoFieldName}). */
    private static Status invalid(List<FieldError> errors) {
        return Status.INVALID_ARGUMENT.withDescription(FieldError.describe(errors.stream()
                .map(error -> new FieldError(protoFieldName(error.field()), error.message())).toList()));
    }

    /**
     * A field as a .proto file spells it, in snake_case: {@code initial_credit}, {@code lines[1].quantity}. Bean
     * validation names a field of the domain record the request became in Java's camelCase ({@code initialCredit},
     * as the REST API's JSON spells it); protobuf's own mapping between the two spellings is this one.
     */
    static String protoFieldName(String field) {
        var name = new StringBuilder(field.length() + 4);
        for (char c : field.toCharArray()) {
            if (Character.isUpperCase(c)) {
                name.append('_').append(Character.toLowerCase(c));
            } else {
                name.append(c);
            }
        }
        return name.toString();
    }

    private static Status statusOf(Throwable failure) {
        if (failure instanceof StatusRuntimeException status) {
            return status.getStatus();
        }
        if (failure instanceof StatusException status) {
            return status.getStatus();
        }
        if (failure instanceof ConstraintViolationException violations) {
            return invalid(FieldError.of(violations));
        }
        if (failure instanceof InvalidFieldException invalid) {
            return invalid(invalid.toFieldErrors());
        }
        if (failure instanceof ProblemException problem) {
            return Status.fromCode(problem.grpcCode()).withDescription(problem.getMessage());
        }
        if (DatabaseUnavailable.explains(failure)) {
            LOG.warnf("The database is unavailable for a gRPC call: %s", failure.toString());
            return Status.UNAVAILABLE.withDescription("The service cannot reach its data right now");
        }
        LOG.error("Unexpected failure in a gRPC call", failure);
        return Status.INTERNAL.withDescription("The call failed; it has been logged");
    }
}
