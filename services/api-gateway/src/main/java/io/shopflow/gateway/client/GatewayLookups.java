package io.shopflow.gateway.client;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.shopflow.grpc.inventory.v1.CheckStockResponse;
import io.shopflow.grpc.inventory.v1.StockLine;
import io.shopflow.grpc.order.v1.Order;
import io.shopflow.grpc.user.v1.User;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * The gateway's own questions to the services, as the views and checks ask them: over gRPC through
 * {@link ServiceQueryClient} (deadline, retries, breaker and bulkhead), instances found by Stork, as for forwarding.
 * "No such thing" (NOT_FOUND, or an id that cannot be one) is an empty result; any other failure (retries spent, the
 * breaker open, the bulkhead full) fails the {@link Future} and the caller decides what that means. Answers arrive
 * on the asking request's context.
 */
@ApplicationScoped
public class GatewayLookups {

    private final ServiceQueryClient queries;

    GatewayLookups(ServiceQueryClient queries) {
        this.queries = queries;
    }

    public Future<Optional<Order>> order(String id) {
        return absentWhenNotFound(queries.order(id));
    }

    public Future<Optional<User>> user(String id) {
        return absentWhenNotFound(queries.user(id));
    }

    /** Whether every line could be reserved now; empty when inventory-service calls the lines themselves invalid. */
    public Future<Optional<CheckStockResponse>> stock(List<StockLine> lines) {
        return absentWhenNotFound(queries.stock(lines));
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
