package io.shopflow.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.shopflow.events.testing.GrpcFuzzer;
import io.shopflow.grpc.order.v1.GetOrderRequest;
import io.shopflow.grpc.order.v1.MutinyOrderQueryServiceGrpc.MutinyOrderQueryServiceStub;
import io.shopflow.grpc.order.v1.OrderQueryServiceGrpc;
import io.shopflow.grpc.order.v1.WatchOrderRequest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The gRPC API under {@link GrpcFuzzer}'s bad calls: clear statuses, nothing leaked. A watch's valid request names an
 * order that does not exist: a watch of a real one here would wait for a saga no other service moves on.
 */
@QuarkusTest
class OrderQueryGrpcFuzzTest {

    @GrpcClient("orders")
    MutinyOrderQueryServiceStub orders;

    @Test
    void bad_calls_get_clear_statuses_that_leak_nothing() {
        String orderId = OrderPlacementTest.place(StandInUserService.registerUser());

        var report = new GrpcFuzzer(GrpcFuzzer.SEED, orders.getChannel(), OrderQueryServiceGrpc.getServiceDescriptor(),
                Map.of("GetOrder", GetOrderRequest.newBuilder().setId(orderId).build(),
                        "WatchOrder", WatchOrderRequest.newBuilder().setId(UUID.randomUUID().toString()).build()))
                .run(GrpcFuzzer.CASES);
        System.out.printf("%nFuzzing OrderQueryService over gRPC (seed %d):%n%s%n", GrpcFuzzer.SEED, report);

        assertThat(report.problems()).as("answers that break the rules (seed %d)", GrpcFuzzer.SEED).isEmpty();
        assertThat(report.accepted("GetOrder")).as("the valid order read, with unknown fields or odd bytes").isPositive();
    }
}
