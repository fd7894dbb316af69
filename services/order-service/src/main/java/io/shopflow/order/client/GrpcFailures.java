package io.shopflow.order.client;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Set;

/** Which gRPC failures are worth retrying: the error taxonomy of this service's outbound calls, in one place. */
final class GrpcFailures {

    private static final Set<Status.Code> RETRYABLE = Set.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED,
            Status.Code.RESOURCE_EXHAUSTED, Status.Code.ABORTED);

    private GrpcFailures() {
    }

    /** {@code failure} as a {@link RetryableCallException} when a retry could succeed, unchanged otherwise. */
    static Throwable classify(String call, Throwable failure) {
        if (failure instanceof StatusRuntimeException status && RETRYABLE.contains(status.getStatus().getCode())) {
            return new RetryableCallException(call + " failed: " + status.getStatus().getCode(), failure);
        }
        return failure;
    }

    static boolean is(Throwable failure, Status.Code code) {
        return failure instanceof StatusRuntimeException status && status.getStatus().getCode() == code;
    }
}
