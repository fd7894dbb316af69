package io.shopflow.order.client;

import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.shopflow.grpc.user.v1.GetUserRequest;
import io.shopflow.grpc.user.v1.UserService;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/** user-service over gRPC: does a user exist? Fault-tolerance values are in application.properties. */
@ApplicationScoped
public class UserDirectoryClient {

    private final UserService users;

    public UserDirectoryClient(@GrpcClient("users") UserService users) {
        this.users = users;
    }

    /** True when the user exists, false when user-service does not know it (or the id is not one of its ids). */
    @Timeout
    @ExponentialBackoff
    @Retry(retryOn = {RetryableCallException.class, TimeoutException.class})
    @CircuitBreaker(failOn = {RetryableCallException.class, TimeoutException.class})
    public Uni<Boolean> exists(String userId) {
        return users.getUser(GetUserRequest.newBuilder().setId(userId).build())
                .map(user -> true)
                .onFailure(failure -> GrpcFailures.is(failure, Status.Code.NOT_FOUND)
                        || GrpcFailures.is(failure, Status.Code.INVALID_ARGUMENT)).recoverWithItem(false)
                .onFailure().transform(failure -> GrpcFailures.classify("users.GetUser", failure));
    }
}
