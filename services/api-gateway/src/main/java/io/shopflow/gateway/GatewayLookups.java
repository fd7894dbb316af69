package io.shopflow.gateway;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
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
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's own questions to the services, over gRPC (instances found by Stork, as for forwarding), each with
 * a deadline so that a silent service is an answer too. "No such thing" (NOT_FOUND, or an id that cannot be one)
 * is an empty result; any other failure fails the {@link Future} and the caller decides what that means. Answers
 * arrive on the asking request's context.
 */
@ApplicationScoped
class GatewayLookups {

    private final MutinyOrderQueryServiceStub orders;
    private final MutinyUserServiceStub users;
    private final MutinyInventoryServiceStub inventory;
    private final long deadlineMillis;

    GatewayLookups(@GrpcClient("orders") MutinyOrderQueryServiceStub orders,
                   @GrpcClient("users") MutinyUserServiceStub users,
                   @GrpcClient("inventory") MutinyInventoryServiceStub inventory,
                   GatewayConfig config) {
        this.orders = orders;
        this.users = users;
        this.inventory = inventory;
        this.deadlineMillis = config.lookups().deadline().toMillis();
    }

    Future<Optional<Order>> order(String id) {
        return absentWhenNotFound(orders.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS)
                .getOrder(GetOrderRequest.newBuilder().setId(id).build()));
    }

    Future<Optional<User>> user(String id) {
        return absentWhenNotFound(users.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS)
                .getUser(GetUserRequest.newBuilder().setId(id).build()));
    }

    /** Whether every line could be reserved now; empty when inventory-service calls the lines themselves invalid. */
    Future<Optional<CheckStockResponse>> stock(List<StockLine> lines) {
        return absentWhenNotFound(inventory.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS)
                .checkStock(CheckStockRequest.newBuilder().addAllLines(lines).build()));
    }

    /** The answer, on the asking request's own context. */
    private static <T> Future<Optional<T>> absentWhenNotFound(Uni<T> call) {
        Context asking = Vertx.currentContext();
        return Future.fromCompletionStage(call.map(Optional::of).onFailure(GatewayLookups::saysNoSuchThing)
                .recoverWithItem(Optional.empty()).subscribeAsCompletionStage(), asking);
    }

    private static boolean saysNoSuchThing(Throwable failure) {
        if (failure instanceof StatusRuntimeException status) {
            var code = status.getStatus().getCode();
            return code == Status.Code.NOT_FOUND || code == Status.Code.INVALID_ARGUMENT;
        }
        return false;
    }
}
