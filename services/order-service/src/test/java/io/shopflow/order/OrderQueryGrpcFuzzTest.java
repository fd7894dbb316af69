package io.shopflow.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ServiceDescriptor;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.shopflow.events.testing.GrpcFuzzer;
import io.shopflow.grpc.order.v1.GetOrderRequest;
import io.shopflow.grpc.order.v1.MutinyOrderQueryServiceGrpc.MutinyOrderQueryServiceStub;
import io.shopflow.grpc.order.v1.OrderQueryServiceGrpc;
import io.shopflow.grpc.order.v1.WatchOrderRequest;
import io.shopflow.grpc.order.v1.WatchOrdersRequest;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The gRPC API under {@link GrpcFuzzer}'s bad calls: clear statuses, nothing leaked. A watch's valid request names an
 * order that does not exist: a watch of a real one here would wait for a saga no other service moves on. A watch of
 * every order never ends on its own, so each one the fuzzer accepts runs until the fuzzer's deadline (2 s) cuts it
 * off: it has a pass of its own, with fewer calls, so as not to add minutes to the build.
 */
@QuarkusTest
class OrderQueryGrpcFuzzTest {

    @GrpcClient("orders")
    MutinyOrderQueryServiceStub orders;

    @Test
    void bad_calls_get_clear_statuses_that_leak_nothing() {
        String userId = StandInUserService.registerUser();
        String orderId = OrderPlacementTest.place(userId);

        var report = new GrpcFuzzer(GrpcFuzzer.SEED, orders.getChannel(), methods("GetOrder", "WatchOrder"),
                Map.of("GetOrder", GetOrderRequest.newBuilder().setId(orderId).build(),
                        "WatchOrder", WatchOrderRequest.newBuilder().setId(UUID.randomUUID().toString()).build()))
                .run(GrpcFuzzer.CASES);
        System.out.printf("%nFuzzing OrderQueryService over gRPC (seed %d):%n%s%n", GrpcFuzzer.SEED, report);
        var watchesOfAll = new GrpcFuzzer(GrpcFuzzer.SEED, orders.getChannel(), methods("WatchOrders"),
                Map.of("WatchOrders", WatchOrdersRequest.newBuilder().setUserId(userId).setRecent(1).build()))
                .run(GrpcFuzzer.CASES / 15);
        System.out.printf("%nFuzzing WatchOrders over gRPC (seed %d):%n%s%n", GrpcFuzzer.SEED, watchesOfAll);

        assertThat(report.problems()).as("answers that break the rules (seed %d)", GrpcFuzzer.SEED).isEmpty();
        assertThat(report.accepted("GetOrder")).as("the valid order read, with unknown fields or odd bytes").isPositive();
        assertThat(watchesOfAll.problems()).as("answers that break the rules (seed %d)", GrpcFuzzer.SEED).isEmpty();
    }

    /** OrderQueryService with only these methods, for a pass of the fuzzer over them. */
    private static ServiceDescriptor methods(String... names) {
        var service = OrderQueryServiceGrpc.getServiceDescriptor();
        var builder = ServiceDescriptor.newBuilder(service.getName())
                .setSchemaDescriptor(service.getSchemaDescriptor());
        service.getMethods().stream().filter(method -> Set.of(names).contains(method.getBareMethodName()))
                .forEach(builder::addMethod);
        return builder.build();
    }
}
