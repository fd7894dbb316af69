package io.shopflow.gateway.api;

import io.grpc.Channel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.quarkus.grpc.GrpcClient;
import io.shopflow.gateway.config.GatewayConfig;
import io.shopflow.grpc.order.v1.Order;
import io.shopflow.grpc.order.v1.OrderQueryServiceGrpc.OrderQueryServiceStub;
import io.shopflow.grpc.order.v1.OrderQueryServiceGrpc;
import io.shopflow.grpc.order.v1.WatchOrdersRequest;
import io.shopflow.problems.Problem;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * {@code GET /api/v1/orders/live[?userId=..][&recent=N]}: server-sent events, an {@code order} event with each order
 * (order-service's REST shape) first for the N most recent, then every time one changes status, read from
 * order-service's {@code WatchOrders} stream, which PostgreSQL's notifications feed: nothing polls. Who may watch
 * whose orders the route's ownership rule has decided (a user their own with {@code userId}, an admin anyone's).
 * When order-service's stream breaks, the event stream ends and the client reconnects.
 */
@ApplicationScoped
public class OrderStreamView {

    private static final Logger LOG = Logger.getLogger(OrderStreamView.class);
    /** As many as order-service sends back at most. */
    private static final int MOST_RECENT = 200;

    /** The plain async stub: a Mutiny subscription's cancellation does not reach the gRPC call under it. */
    private final OrderQueryServiceStub orders;
    private final Problems problems;
    private final Duration keepaliveEvery;

    OrderStreamView(@GrpcClient("orders") Channel orders, Problems problems, GatewayConfig config) {
        this.orders = OrderQueryServiceGrpc.newStub(orders);
        this.problems = problems;
        this.keepaliveEvery = config.console().keepaliveEvery();
    }

    public void answer(RoutingContext request) {
        String recentParameter = Objects.requireNonNullElse(request.queryParams().get("recent"), "0");
        int recent;
        try {
            recent = Integer.parseInt(recentParameter);
        } catch (NumberFormatException e) {
            recent = -1;
        }
        if (recent < 0 || recent > MOST_RECENT) {
            problems.answer(request, Problem.of(Problem.VALIDATION, "The request has invalid fields", 400,
                    "recent: must be a whole number from 0 to " + MOST_RECENT, request.normalizedPath()));
            return;
        }
        var watch = WatchOrdersRequest.newBuilder().setRecent(recent)
                .setUserId(Objects.requireNonNullElse(request.queryParams().get("userId"), "")).build();
        Context context = Vertx.currentContext();
        var stream = EventStream.open(request, keepaliveEvery);
        orders.watchOrders(watch, new ClientResponseObserver<WatchOrdersRequest, Order>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<WatchOrdersRequest> call) {
                // The call streams on at order-service until cancelled: cancelled when the client goes.
                stream.onClose(() -> call.cancel("the client went away", null));
            }

            @Override
            public void onNext(Order order) {
                context.runOnContext(ignored -> stream.send("order", OrderJson.of(order)));
            }

            @Override
            public void onError(Throwable failure) {
                LOG.debugf("Order stream ended by order-service: %s", failure.toString());
                context.runOnContext(ignored -> stream.end());
            }

            @Override
            public void onCompleted() {
                context.runOnContext(ignored -> stream.end());
            }
        });
    }
}
