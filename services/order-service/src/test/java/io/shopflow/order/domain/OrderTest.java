package io.shopflow.order.domain;

import static io.shopflow.eventstore.AggregateHistory.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopflow.events.DomainEvent;
import io.shopflow.events.order.Money;
import io.shopflow.events.order.OrderCancelled;
import io.shopflow.events.order.OrderConfirmed;
import io.shopflow.events.order.OrderLine;
import io.shopflow.events.order.OrderPaid;
import io.shopflow.events.order.OrderPlaced;
import io.shopflow.events.order.OrderShipped;
import io.shopflow.events.order.OrderStockReserved;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The order's state machine on its own: given the events of its stream, when a command arrives, then these events
 * are recorded (or none). The saga's Kafka and PostgreSQL round trips are OrderSagaTest's; here only the rules.
 */
class OrderTest {

    private static final String ID = "o-1";
    private static final String USER = "u-7";
    private static final List<OrderLine> LINES =
            List.of(new OrderLine("BOOK-1", 2, new BigDecimal("12.50")), new OrderLine("PEN-3", 1, new BigDecimal("3.20")));
    private static final Money TOTAL = new Money(new BigDecimal("28.20"), "EUR");

    private static final OrderPlaced PLACED = new OrderPlaced(ID, USER, LINES, TOTAL);
    private static final OrderStockReserved RESERVED = new OrderStockReserved(ID);
    private static final OrderPaid PAID = new OrderPaid(ID, "p-1");
    private static final OrderConfirmed CONFIRMED = new OrderConfirmed(ID, USER, LINES, TOTAL);
    private static final OrderShipped SHIPPED = new OrderShipped(ID, "s-1");
    private static final OrderCancelled CANCELLED = new OrderCancelled(ID, USER, "payment failed: card declined");

    private static Order order() {
        return new Order(ID);
    }

    private static Order after(List<? extends DomainEvent> history) {
        return given(order(), history.toArray(DomainEvent[]::new));
    }

    @Test
    void placing_records_the_lines_and_their_total() {
        var order = given(order());

        order.place(USER, LINES, "EUR");

        assertThat(order.uncommittedEvents()).containsExactly(PLACED);
        assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
    }

    @Test
    void an_order_is_placed_once() {
        var order = given(order(), PLACED);

        assertThatThrownBy(() -> order.place(USER, LINES, "EUR")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already placed");
        assertThat(order.uncommittedEvents()).isEmpty();
    }

    @Test
    void a_reservation_moves_a_pending_order_on_once() {
        var order = given(order(), PLACED);
        order.stockReserved();
        assertThat(order.uncommittedEvents()).containsExactly(RESERVED);
        assertThat(order.status()).isEqualTo(OrderStatus.STOCK_RESERVED);

        var reported = given(order(), PLACED, RESERVED);
        reported.stockReserved();
        assertThat(reported.uncommittedEvents()).isEmpty();
    }

    @Test
    void a_reservation_reported_after_the_payment_or_the_cancellation_changes_nothing() {
        for (var history : List.of(List.of(PLACED, PAID, CONFIRMED), List.of(PLACED, CANCELLED))) {
            var order = after(history);
            order.stockReserved();
            assertThat(order.uncommittedEvents()).as("after %s", history).isEmpty();
        }
    }

    @Test
    void paying_a_reserved_order_confirms_it_with_its_lines_and_total() {
        var order = given(order(), PLACED, RESERVED);

        order.paid("p-1");

        assertThat(order.uncommittedEvents()).containsExactly(PAID, CONFIRMED);
        assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(order.state().paymentId()).isEqualTo("p-1");
    }

    @Test
    void a_payment_that_overtook_the_reservation_still_confirms() {
        var order = given(order(), PLACED);

        order.paid("p-1");

        assertThat(order.uncommittedEvents()).containsExactly(PAID, CONFIRMED);
    }

    @Test
    void a_payment_reported_again_or_after_a_cancellation_records_nothing() {
        var again = given(order(), PLACED, RESERVED, PAID, CONFIRMED);
        again.paid("p-1");
        assertThat(again.uncommittedEvents()).isEmpty();

        var cancelled = given(order(), PLACED, RESERVED, CANCELLED);
        cancelled.paid("p-1");
        assertThat(cancelled.uncommittedEvents()).isEmpty();
        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void only_a_confirmed_order_ships() {
        var confirmed = given(order(), PLACED, RESERVED, PAID, CONFIRMED);
        confirmed.shipped("s-1");
        assertThat(confirmed.uncommittedEvents()).containsExactly(SHIPPED);
        assertThat(confirmed.status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(confirmed.state().shipmentId()).isEqualTo("s-1");

        for (var history : List.of(List.of(PLACED), List.of(PLACED, RESERVED), List.of(PLACED, CANCELLED),
                List.of(PLACED, RESERVED, PAID, CONFIRMED, SHIPPED))) {
            var order = after(history);
            order.shipped("s-2");
            assertThat(order.uncommittedEvents()).as("after %s", history).isEmpty();
        }
    }

    @Test
    void an_order_whose_saga_is_running_is_cancelled_with_its_reason() {
        for (var history : List.of(List.of(PLACED), List.of(PLACED, RESERVED))) {
            var order = after(history);
            order.cancel("payment failed: card declined");
            assertThat(order.uncommittedEvents()).as("after %s", history).containsExactly(CANCELLED);
            assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(order.state().cancelReason()).isEqualTo("payment failed: card declined");
        }
    }

    @Test
    void a_late_failure_cancels_no_order_whose_saga_ended_and_none_never_placed() {
        for (var history : List.<List<DomainEvent>>of(List.of(), List.of(PLACED, RESERVED, PAID, CONFIRMED),
                List.of(PLACED, RESERVED, PAID, CONFIRMED, SHIPPED), List.of(PLACED, CANCELLED))) {
            var order = after(history);
            order.cancel("deadline passed");
            assertThat(order.uncommittedEvents()).as("after %s", history).isEmpty();
        }
    }
}
