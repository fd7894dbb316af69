package io.shopflow.order.client;

import io.quarkus.grpc.GrpcClient;
import io.shopflow.calls.CallFailure;
import io.shopflow.calls.RetryableCallException;
import io.shopflow.grpc.user.v1.GetUsersRequest;
import io.shopflow.grpc.user.v1.User;
import io.shopflow.grpc.user.v1.MutinyUserServiceGrpc.MutinyUserServiceStub;
import io.shopflow.order.config.OrderServiceConfig;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * user-service over gRPC: many users in one {@code GetUsers} round trip. Each attempt carries a deadline to the
 * server and has a (slightly longer) timeout; unavailability
 * and timeouts are retried with jittered exponential backoff and counted by the breaker; at most a bulkhead's worth
 * of calls are in flight. When retries are spent, the breaker is open or the bulkhead full, the fallback answers
 * {@link UserBatch#unknown}: callers learn that user-service could not say, rather than a failure. Values in
 * application.properties. On the method, not the class: class-wide, the fallback method would be wrapped in the
 * same bulkhead and breaker and could itself be rejected.
 */
@ApplicationScoped
public class UserDirectoryClient {

    /** What user-service said about a set of ids: the users it has, or why it could not say. */
    public record UserBatch(Map<String, User> found, String unknownBecause) {

        static UserBatch unknown(Throwable failure) {
            return new UserBatch(Map.of(), failure.toString());
        }

        public boolean known() {
            return unknownBecause == null;
        }
    }

    private final MutinyUserServiceStub users;
    private final Duration deadline;

    public UserDirectoryClient(@GrpcClient("users") MutinyUserServiceStub users, OrderServiceConfig config) {
        this.users = users;
        this.deadline = config.callDeadline();
    }

    /** The users of {@code ids} (UUIDs in their canonical form) that exist. */
    @Timeout
    @ExponentialBackoff
    @Retry(retryOn = {RetryableCallException.class, TimeoutException.class})
    @CircuitBreaker(failOn = {RetryableCallException.class, TimeoutException.class})
    @Bulkhead
    @Fallback(fallbackMethod = "unknown")
    public Uni<UserBatch> getUsers(Set<String> ids) {
        return users.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS).getUsers(GetUsersRequest.newBuilder().addAllIds(ids).build())
                .map(response -> new UserBatch(response.getUsersList().stream()
                        .collect(Collectors.toMap(User::getId, Function.identity())), null))
                .onFailure().transform(failure -> CallFailure.classify("users.GetUsers", failure));
    }

    Uni<UserBatch> unknown(Set<String> ids, Throwable failure) {
        return Uni.createFrom().item(UserBatch.unknown(failure));
    }
}
