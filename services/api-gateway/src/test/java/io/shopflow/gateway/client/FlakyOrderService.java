package io.shopflow.gateway.client;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.shopflow.gateway.Backends;
import io.shopflow.gateway.StandInData;
import io.shopflow.grpc.order.v1.GetOrderRequest;
import io.shopflow.grpc.order.v1.Order;
import io.shopflow.grpc.order.v1.OrderQueryServiceGrpc;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServiceBridge;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real server standing in for order-service whose {@code GetOrder} a test makes fail: the next so many calls end
 * with a status, at once or after a while, as an instance that is down, or struggling, would end them. It knows one
 * order, {@link StandInData#ADA_ORDER}, and answers any HTTP request (what the gateway forwards once the order's
 * owner is known) with 200 and what it received.
 */
public class FlakyOrderService implements QuarkusTestResourceLifecycleManager {

    private static final AtomicInteger GET_ORDER_CALLS = new AtomicInteger();
    private static final AtomicInteger FAILURES_LEFT = new AtomicInteger();
    private static volatile Status failingWith = Status.OK;
    private static volatile Duration failingAfter = Duration.ZERO;

    private Vertx vertx;

    /** The next {@code calls} calls of {@code GetOrder} fail with {@code status}, each {@code after} it arrived. */
    static void failNext(int calls, Status status, Duration after) {
        failingWith = status;
        failingAfter = after;
        FAILURES_LEFT.set(calls);
    }

    static void healthy() {
        FAILURES_LEFT.set(0);
    }

    /** {@code GetOrder} calls that reached the server so far. */
    static int getOrderCalls() {
        return GET_ORDER_CALLS.get();
    }

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        var grpc = GrpcServer.server(vertx);
        GrpcServiceBridge.bridge(new Orders()).bind(grpc);
        int port = Backends.freePort();
        var server = vertx.createHttpServer().requestHandler(request -> {
            if (String.valueOf(request.getHeader("Content-Type")).startsWith("application/grpc")) {
                grpc.handle(request);
            } else {
                request.response().putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("method", request.method().name()).put("uri", request.uri()).encode());
            }
        });
        try {
            server.listen(port).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("The flaky order-service did not start", e);
        }
        return Map.of("quarkus.stork.order-service.service-discovery.address-list", "localhost:" + port,
                "quarkus.stork.order-service-grpc.service-discovery.address-list", "localhost:" + port);
    }

    @Override
    public void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private final class Orders extends OrderQueryServiceGrpc.OrderQueryServiceImplBase {

        @Override
        public void getOrder(GetOrderRequest request, StreamObserver<Order> answer) {
            GET_ORDER_CALLS.incrementAndGet();
            if (FAILURES_LEFT.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                var failure = failingWith.withDescription("the flaky stand-in fails this call").asRuntimeException();
                long after = failingAfter.toMillis();
                if (after == 0) {
                    answer.onError(failure);
                } else {
                    vertx.setTimer(after, timer -> answer.onError(failure));
                }
            } else if (StandInData.ADA_ORDER.equals(request.getId())) {
                answer.onNext(StandInData.order(request.getId(), "ada"));
                answer.onCompleted();
            } else {
                answer.onError(Status.NOT_FOUND.withDescription("no such order").asRuntimeException());
            }
        }
    }
}
