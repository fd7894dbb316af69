package io.shopflow.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.shopflow.events.inventory.StockLine;
import io.shopflow.events.inventory.StockReserved;
import io.shopflow.events.order.Money;
import io.shopflow.events.payment.PaymentCompleted;
import io.shopflow.events.testing.KafkaEvents;
import io.shopflow.grpc.order.v1.GetOrderRequest;
import io.shopflow.grpc.order.v1.MutinyOrderQueryServiceGrpc.MutinyOrderQueryServiceStub;
import io.shopflow.grpc.order.v1.Order;
import io.shopflow.grpc.order.v1.OrderStatus;
import io.shopflow.grpc.order.v1.WatchOrderRequest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** OrderQueryService over a real gRPC connection: one order, and a watch that follows the saga to its end. */
@QuarkusTest
class OrderQueryGrpcServiceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Money TOTAL = new Money(new BigDecimal("28.20"), "EUR");

    @GrpcClient("orders")
    MutinyOrderQueryServiceStub orders;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private StatusRuntimeException failureOf(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            return e;
        }
        throw new AssertionError("expected a gRPC error");
    }

    @Test
    void an_order_is_read_with_its_lines_and_a_missing_or_malformed_id_gets_the_right_status() {
        String orderId = OrderPlacementTest.place(StandInUserService.registerUser());

        var order = orders.getOrder(GetOrderRequest.newBuilder().setId(orderId).build()).await().atMost(PATIENCE);

        assertThat(order.getStatus()).isEqualTo(OrderStatus.PENDING);
        assertThat(order.getTotal()).isEqualTo("28.20");
        assertThat(order.getLinesList()).extracting(line -> line.getSku()).containsExactly("BOOK-1", "PEN-3");
        assertThat(order.getLinesList()).extracting(line -> line.getUnitPrice()).as("two places, as the contract says")
                .containsExactly("12.50", "3.20");
        assertThat(failureOf(() -> orders.getOrder(GetOrderRequest.newBuilder().setId(UUID.randomUUID().toString())
                .build()).await().atMost(PATIENCE)).getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(failureOf(() -> orders.getOrder(GetOrderRequest.newBuilder().setId("order-1").build())
                .await().atMost(PATIENCE)).getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThatThrownBy(() -> orders.watchOrder(WatchOrderRequest.newBuilder().setId("order-1").build())
                .collect().asList().await().atMost(PATIENCE)).isInstanceOfSatisfying(StatusRuntimeException.class,
                        failure -> assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    @Test
    void a_watch_sends_each_status_change_once_and_completes_when_the_saga_ends() {
        String user = StandInUserService.registerUser();
        String orderId = OrderPlacementTest.place(user);
        var seen = new CopyOnWriteArrayList<Order>();
        var completed = new AtomicBoolean();
        orders.watchOrder(WatchOrderRequest.newBuilder().setId(orderId).build())
                .subscribe().with(seen::add, failure -> { }, () -> completed.set(true));
        await().atMost(PATIENCE).until(() -> seen.size() == 1);

        try (var events = new KafkaEvents(bootstrapServers)) {
            String flow = events.read("shopflow.order", orderId, 1).get(0).correlationId();
            events.publish(new StockReserved(orderId, user,
                    List.of(new StockLine("BOOK-1", 2), new StockLine("PEN-3", 1)), TOTAL), flow);
            await().atMost(PATIENCE).until(() -> seen.size() == 2);
            String paymentId = UUID.nameUUIDFromBytes(("payment:" + orderId).getBytes(StandardCharsets.UTF_8)).toString();
            events.publish(new PaymentCompleted(paymentId, orderId, user, TOTAL, "ch_1"), flow);
            await().atMost(PATIENCE).until(completed::get);
        }

        // PAID and CONFIRMED are written together when the payment completes, so a watch may see only the latter.
        assertThat(seen).extracting(Order::getStatus)
                .startsWith(OrderStatus.PENDING, OrderStatus.STOCK_RESERVED).endsWith(OrderStatus.CONFIRMED)
                .doesNotHaveDuplicates();
        assertThat(seen).extracting(Order::getVersion).isSorted().doesNotHaveDuplicates();
    }
}
