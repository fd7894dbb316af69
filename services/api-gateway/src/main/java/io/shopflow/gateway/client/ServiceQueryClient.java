package io.shopflow.gateway.client;

import io.quarkus.grpc.GrpcClient;
import io.shopflow.calls.CallFailure;
import io.shopflow.calls.RetryableCallException;
import io.shopflow.gateway.config.GatewayConfig;
import io.shopflow.grpc.inventory.v1.CheckStockRequest;
import io.shopflow.grpc.inventory.v1.CheckStockResponse;
import io.shopflow.grpc.inventory.v1.MutinyInventoryServiceGrpc.MutinyInventoryServiceStub;
import io.shopflow.grpc.inventory.v1.StockLine;
import io.shopflow.grpc.order.v1.GetOrderRequest;
import io.shopflow.grpc.order.v1.MutinyOrderQueryServiceGrpc.MutinyOrderQueryServiceStub;
import io.shopflow.grpc.order.v1.Order;
import io.shopflow.grpc.user.v1.GetUserRequest;
import io.shopflow.grpc.user.v1.MutinyUserServiceGrpc.MutinyUserServiceStub;
import io.shopflow.grpc.user.v1.User;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * The gateway's gRPC questions to the services, guarded as order-service's client beans guard theirs: each attempt
 * carries a deadline to the server ({@code shopflow.gateway.lookups.deadline}) and has a slightly longer timeout;
 * what the error taxonomy ({@link CallFailure}) calls worth another attempt (unavailable, past the deadline, ...:
 * all three questions are reads, so asking again does nothing twice) is retried with jittered exponential backoff
 * and counted by a breaker, one per question; a bulkhead bounds each question's calls in flight. Anything else
 * (NOT_FOUND, INVALID_ARGUMENT) is an answer, returned at once. Values in application.properties, for the three
 * questions at once ({@code io.shopflow.gateway.client.ServiceQueryClient/<annotation>/<parameter>}).
 */
@ApplicationScoped
@Timeout
@ExponentialBackoff
@Retry(retryOn = {RetryableCallException.class, TimeoutException.class})
@CircuitBreaker(failOn = {RetryableCallException.class, TimeoutException.class})
@Bulkhead
class ServiceQueryClient {

    private final MutinyOrderQueryServiceStub orders;
    private final MutinyUserServiceStub users;
    private final MutinyInventoryServiceStub inventory;
    private final long deadlineMillis;

    ServiceQueryClient(@GrpcClient("orders") MutinyOrderQueryServiceStub orders,
                       @GrpcClient("users") MutinyUserServiceStub users,
                       @GrpcClient("inventory") MutinyInventoryServiceStub inventory,
                       GatewayConfig config) {
        this.orders = orders;
        this.users = users;
        this.inventory = inventory;
        this.deadlineMillis = config.lookups().deadline().toMillis();
    }

    Uni<Order> order(String id) {
        return orders.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS)
                .getOrder(GetOrderRequest.newBuilder().setId(id).build())
                .onFailure().transform(failure -> CallFailure.classify("orders.GetOrder", failure));
    }

    Uni<User> user(String id) {
        return users.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS)
                .getUser(GetUserRequest.newBuilder().setId(id).build())
                .onFailure().transform(failure -> CallFailure.classify("users.GetUser", failure));
    }

    Uni<CheckStockResponse> stock(List<StockLine> lines) {
        return inventory.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS)
                .checkStock(CheckStockRequest.newBuilder().addAllLines(lines).build())
                .onFailure().transform(failure -> CallFailure.classify("inventory.CheckStock", failure));
    }
}
