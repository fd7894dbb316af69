package io.shopflow.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.shopflow.events.inventory.StockLine;
import io.shopflow.events.inventory.StockReserved;
import io.shopflow.events.order.Money;
import io.shopflow.events.testing.KafkaEvents;
import io.shopflow.grpc.order.v1.MutinyOrderQueryServiceGrpc.MutinyOrderQueryServiceStub;
import io.shopflow.grpc.order.v1.Order;
import io.shopflow.grpc.order.v1.OrderStatus;
import io.shopflow.grpc.order.v1.WatchOrdersRequest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * WatchOrders over a real gRPC connection, with orders placed over REST and moved on by real Kafka events: the recent
 * orders first, then every change, for one user or all, until the client lets go.
 */
@QuarkusTest
class OrderQueryWatchOrdersTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Money TOTAL = new Money(new BigDecimal("28.20"), "EUR");

    @GrpcClient("orders")
    MutinyOrderQueryServiceStub orders;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    MeterRegistry registry;

    /**
     * One open WatchOrders stream, as a client sees it. Closing it cancels the call through the gRPC context it was
     * started in: cancelling the Mutiny subscription alone would not (Quarkus' client stub stops delivering items but
     * leaves the call open), and this stream never ends on its own.
     */
    private final class Watch implements AutoCloseable {
        final List<Order> seen = new CopyOnWriteArrayList<>();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Context.CancellableContext call = Context.current().withCancellation();

        Watch(String userId, int recent) {
            var request = WatchOrdersRequest.newBuilder().setUserId(userId).setRecent(recent).build();
            Context outer = call.attach();
            try {
                orders.watchOrders(request).subscribe().with(seen::add, failure::set);
            } finally {
                call.detach(outer);
            }
        }

        List<String> ids() {
            return seen.stream().map(Order::getId).toList();
        }

        void awaitCount(int count) {
            await().atMost(PATIENCE).untilAsserted(() -> {
                assertThat(failure.get()).isNull();
                assertThat(seen).hasSizeGreaterThanOrEqualTo(count);
            });
        }

        /** Waits for order {@code id} with {@code status}: it has been sent since the stream opened. */
        Order awaitOrder(String id, OrderStatus status) {
            await().atMost(PATIENCE).untilAsserted(() -> {
                assertThat(failure.get()).isNull();
                assertThat(seen).anyMatch(order -> order.getId().equals(id) && order.getStatus() == status);
            });
            return seen.stream().filter(order -> order.getId().equals(id) && order.getStatus() == status)
                    .findFirst().orElseThrow();
        }

        @Override
        public void close() {
            call.cancel(null);
        }
    }

    private double openWatches() {
        var gauge = registry.find("shopflow.orders.watches").gauge();
        return gauge == null ? 0 : gauge.value();
    }

    @Test
    void the_recent_orders_come_first_oldest_of_them_first() {
        String user = StandInUserService.registerUser();
        String first = OrderPlacementTest.place(user);
        String second = OrderPlacementTest.place(user);
        String third = OrderPlacementTest.place(user);

        try (var lastTwo = new Watch(user, 2); var all = new Watch(user, 200); var everyone = new Watch("", 3)) {
            lastTwo.awaitCount(2);
            all.awaitCount(3);
            everyone.awaitCount(3);

            assertThat(lastTwo.ids().subList(0, 2)).containsExactly(second, third);
            assertThat(all.ids().subList(0, 3)).containsExactly(first, second, third);
            assertThat(everyone.ids().subList(0, 3)).as("nobody else places orders meanwhile")
                    .containsExactly(first, second, third);
            assertThat(all.seen.get(0).getStatus()).isEqualTo(OrderStatus.PENDING);
            assertThat(all.seen.get(0).getTotal()).isEqualTo("28.20");
        }
    }

    @Test
    void a_placed_order_and_each_of_its_status_changes_reach_an_open_watch() {
        String user = StandInUserService.registerUser();
        String earlier = OrderPlacementTest.place(user);

        try (var mine = new Watch(user, 1); var everyone = new Watch("", 0)) {
            // The recent order shows the watch is listening: from here on, no change can pass it by.
            mine.awaitOrder(earlier, OrderStatus.PENDING);
            String placed = OrderPlacementTest.place(user);
            mine.awaitOrder(placed, OrderStatus.PENDING);

            try (var events = new KafkaEvents(bootstrapServers)) {
                String flow = events.read("shopflow.order", placed, 1).get(0).correlationId();
                events.publish(new StockReserved(placed, user,
                        List.of(new StockLine("BOOK-1", 2), new StockLine("PEN-3", 1)), TOTAL), flow);
            }
            var reserved = mine.awaitOrder(placed, OrderStatus.STOCK_RESERVED);
            everyone.awaitOrder(placed, OrderStatus.STOCK_RESERVED);

            assertThat(reserved.getVersion()).isGreaterThan(mine.awaitOrder(placed, OrderStatus.PENDING).getVersion());
            assertThat(mine.seen).filteredOn(order -> order.getId().equals(placed)).as("once per change")
                    .extracting(Order::getStatus).containsExactly(OrderStatus.PENDING, OrderStatus.STOCK_RESERVED);
            assertThat(mine.seen).filteredOn(order -> order.getId().equals(earlier)).as("unchanged, sent once")
                    .hasSize(1);
        }
    }

    @Test
    void a_watch_of_one_user_leaves_out_the_orders_of_others() {
        String user = StandInUserService.registerUser();
        String other = StandInUserService.registerUser();
        String earlier = OrderPlacementTest.place(user);

        try (var mine = new Watch(user, 1); var everyone = new Watch("", 1)) {
            mine.awaitCount(1);
            everyone.awaitCount(1);
            String theirs = OrderPlacementTest.place(other);
            String ours = OrderPlacementTest.place(user);

            // Announced after theirs, so once ours has come the watch has passed theirs by.
            mine.awaitOrder(ours, OrderStatus.PENDING);
            everyone.awaitOrder(theirs, OrderStatus.PENDING);
            everyone.awaitOrder(ours, OrderStatus.PENDING);
            assertThat(mine.ids()).containsExactly(earlier, ours);
            assertThat(mine.seen).extracting(Order::getUserId).containsOnly(user);
        }
    }

    @Test
    void recent_outside_0_to_200_is_an_invalid_argument() {
        for (int recent : new int[] {-1, 201, Integer.MAX_VALUE}) {
            var failure = new AtomicReference<Throwable>();
            orders.watchOrders(WatchOrdersRequest.newBuilder().setRecent(recent).build())
                    .subscribe().with(order -> { }, failure::set);

            await().atMost(PATIENCE).until(() -> failure.get() != null);
            assertThat(failure.get()).isInstanceOfSatisfying(StatusRuntimeException.class, answer -> {
                assertThat(answer.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                assertThat(answer.getStatus().getDescription()).contains("recent", "0", "200");
            });
        }
    }

    /** As WatchOrder's id: a user_id that is not a UUID is refused, not watched for changes that never come. */
    @Test
    void a_user_id_that_is_not_a_uuid_is_an_invalid_argument() {
        for (String userId : new String[] {"zzz", "1-1-1-1-1", UUID.randomUUID() + " "}) {
            var failure = new AtomicReference<Throwable>();
            orders.watchOrders(WatchOrdersRequest.newBuilder().setUserId(userId).build())
                    .subscribe().with(order -> { }, failure::set);

            await().atMost(PATIENCE).until(() -> failure.get() != null);
            assertThat(failure.get()).as("user_id '%s'", userId).isInstanceOfSatisfying(StatusRuntimeException.class,
                    answer -> {
                        assertThat(answer.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                        assertThat(answer.getStatus().getDescription()).startsWith("user_id: must be a UUID");
                    });
        }
    }

    @Test
    void a_cancelled_watch_ends_on_the_server_and_the_next_one_still_gets_changes() {
        String user = StandInUserService.registerUser();
        String earlier = OrderPlacementTest.place(user);
        // The streams of earlier tests (and the fuzzer's, cut off by their deadline) have all been cancelled: none may
        // stay open on the server once its client has gone.
        await().atMost(PATIENCE).until(() -> openWatches() == 0);

        var cancelled = new Watch(user, 1);
        cancelled.awaitOrder(earlier, OrderStatus.PENDING);
        assertThat(openWatches()).isEqualTo(1);
        cancelled.close();
        await().atMost(PATIENCE).until(() -> openWatches() == 0);

        try (var next = new Watch(user, 1)) {
            next.awaitOrder(earlier, OrderStatus.PENDING);
            String placed = OrderPlacementTest.place(user);
            next.awaitOrder(placed, OrderStatus.PENDING);
            assertThat(openWatches()).isEqualTo(1);
        }
        await().atMost(PATIENCE).until(() -> openWatches() == 0);
    }
}
