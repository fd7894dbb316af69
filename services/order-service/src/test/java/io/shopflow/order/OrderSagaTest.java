package io.shopflow.order;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.junit.QuarkusTest;
import io.shopflow.events.EventEnvelope;
import io.shopflow.events.inventory.StockLine;
import io.shopflow.events.inventory.StockRejected;
import io.shopflow.events.inventory.StockReserved;
import io.shopflow.events.inventory.StockShortage;
import io.shopflow.events.order.Money;
import io.shopflow.events.order.OrderCancelled;
import io.shopflow.events.order.OrderConfirmed;
import io.shopflow.events.payment.PaymentCompleted;
import io.shopflow.events.payment.PaymentFailed;
import io.shopflow.events.shipment.ShipmentScheduled;
import io.shopflow.events.testing.KafkaEvents;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The saga as order-service follows it: the other services' events, written to the real broker, move each order
 * on; failures cancel it and publish OrderCancelled for the compensations.
 */
@QuarkusTest
class OrderSagaTest {

    private static final Money TOTAL = new Money(new BigDecimal("28.20"), "EUR");
    private static final List<StockLine> LINES = List.of(new StockLine("BOOK-1", 2), new StockLine("PEN-3", 1));

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    MeterRegistry registry;

    private KafkaEvents events;
    private String user;
    private String orderId;
    private String flow;

    @BeforeEach
    void placeAnOrder() {
        events = new KafkaEvents(bootstrapServers);
        user = StandInUserService.registerUser();
        orderId = OrderPlacementTest.place(user);
        flow = events.read("shopflow.order", orderId, 1).get(0).correlationId();
    }

    @AfterEach
    void close() {
        events.close();
    }

    private String status() {
        return given().when().get("/api/v1/orders/" + orderId).then().statusCode(200).extract().path("status");
    }

    private void awaitStatus(String expected) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(status()).isEqualTo(expected));
    }

    /** payment-service derives one payment id per order, so all of an order's payment events share a key. */
    private String paymentId() {
        return UUID.nameUUIDFromBytes(("payment:" + orderId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private EventEnvelope paymentCompleted() {
        return events.publish(new PaymentCompleted(paymentId(), orderId, user, TOTAL, "ch_1"), flow);
    }

    /** The order's whole stream, from the event store: the event types, oldest first. */
    private List<String> history() {
        return given().when().get("/api/v1/orders/" + orderId).then().statusCode(200).extract().path("history.event");
    }

    /** How many events of {@code type} (any version) this service's consumers have handled with {@code outcome}. */
    private long handled(String type, String outcome) {
        return registry.find("shopflow.events.consumed").tag("outcome", outcome).timers().stream()
                .filter(timer -> timer.getId().getTag("type").startsWith(type + "."))
                .mapToLong(Timer::count).sum();
    }

    private void awaitHandled(String type, String outcome, long before) {
        await().atMost(Duration.ofSeconds(30)).until(() -> handled(type, outcome) > before);
    }

    /** The saga duration timer of one outcome: its count is the number of sagas that ended so. */
    private Timer sagaDuration(String outcome) {
        return registry.timer("shopflow.orders.saga.duration", "outcome", outcome);
    }

    @Test
    void reserved_then_paid_confirms_then_shipping_ships() {
        long confirmedBefore = sagaDuration("confirmed").count();
        events.publish(new StockReserved(orderId, user, LINES, TOTAL), flow);
        awaitStatus("STOCK_RESERVED");
        paymentCompleted();
        awaitStatus("CONFIRMED");
        events.publish(new ShipmentScheduled(UUID.randomUUID().toString(), orderId, user, "DHL", LocalDate.now()), flow);
        awaitStatus("SHIPPED");
        assertThat(sagaDuration("confirmed").count()).as("the saga ended once, when confirmed, not again when shipped")
                .isEqualTo(confirmedBefore + 1);
        assertThat(sagaDuration("confirmed").max(TimeUnit.MILLISECONDS)).isPositive();

        var published = events.read("shopflow.order", orderId, 5);
        assertThat(published).extracting(EventEnvelope::type).containsExactly(
                "OrderPlaced", "OrderStockReserved", "OrderPaid", "OrderConfirmed", "OrderShipped");
        assertThat(published).extracting(EventEnvelope::correlationId).containsOnly(flow);
        var confirmed = (OrderConfirmed) events.decode(published.get(3));
        assertThat(confirmed.userId()).isEqualTo(user);
        assertThat(confirmed.total()).isEqualTo(TOTAL);
        given().when().get("/api/v1/orders/" + orderId).then()
                .body("history.event", equalTo(
                        List.of("OrderPlaced", "OrderStockReserved", "OrderPaid", "OrderConfirmed", "OrderShipped")));
    }

    @Test
    void a_user_erased_mid_saga_leaves_their_order_to_end_as_it_would_have_with_the_same_amounts() {
        // user-service erased them: their keys are gone, their id stays in their orders and payments.
        events.publish(UserEvents.erased(user), "erasure-" + user);
        events.publish(new StockReserved(orderId, user, LINES, TOTAL), flow);
        awaitStatus("STOCK_RESERVED");
        paymentCompleted();
        awaitStatus("CONFIRMED");

        var confirmed = (OrderConfirmed) events.decode(events.read("shopflow.order", orderId, 4).get(3));
        assertThat(confirmed.userId()).isEqualTo(user);
        assertThat(confirmed.total()).isEqualTo(TOTAL);
        given().when().get("/api/v1/orders/" + orderId).then().body("userId", equalTo(user));
    }

    @Test
    void a_payment_reported_before_the_reservation_still_confirms() {
        paymentCompleted();
        awaitStatus("CONFIRMED");
        long reservationsBefore = handled("StockReserved", "processed");
        events.publish(new StockReserved(orderId, user, LINES, TOTAL), flow);

        // The late reservation is handled and changes nothing: the whole stream, read once it was handled.
        awaitHandled("StockReserved", "processed", reservationsBefore);
        assertThat(history()).containsExactly("OrderPlaced", "OrderPaid", "OrderConfirmed");
        assertThat(status()).isEqualTo("CONFIRMED");
    }

    @Test
    void a_redelivered_payment_confirms_once() {
        var payment = paymentCompleted();
        awaitStatus("CONFIRMED");
        long duplicatesBefore = handled("PaymentCompleted", "duplicate");
        events.send(payment);

        awaitHandled("PaymentCompleted", "duplicate", duplicatesBefore);
        assertThat(history()).containsExactly("OrderPlaced", "OrderPaid", "OrderConfirmed");
    }

    @Test
    void rejected_stock_cancels_with_the_shortages_as_reason() {
        long cancelledBefore = sagaDuration("cancelled").count();
        events.publish(new StockRejected(orderId, user, List.of(new StockShortage("BOOK-1", 2, 1))), flow);
        awaitStatus("CANCELLED");
        assertThat(sagaDuration("cancelled").count()).isEqualTo(cancelledBefore + 1);

        var cancelled = (OrderCancelled) events.decode(events.read("shopflow.order", orderId, 2).get(1));
        assertThat(cancelled.reason()).isEqualTo("out of stock: BOOK-1 (2 requested, 1 available)");
        given().when().get("/api/v1/orders/" + orderId).then()
                .body("cancelReason", equalTo(cancelled.reason()));
    }

    @Test
    void a_failed_payment_cancels_and_a_late_success_changes_nothing() {
        events.publish(new StockReserved(orderId, user, LINES, TOTAL), flow);
        // The two travel on different topics: without this wait either could be handled first.
        awaitStatus("STOCK_RESERVED");
        events.publish(new PaymentFailed(paymentId(), orderId, user, TOTAL, "card declined"), flow);
        awaitStatus("CANCELLED");
        long paymentsBefore = handled("PaymentCompleted", "processed");
        paymentCompleted();

        awaitHandled("PaymentCompleted", "processed", paymentsBefore);
        assertThat(history()).containsExactly("OrderPlaced", "OrderStockReserved", "OrderCancelled");
        assertThat(status()).isEqualTo("CANCELLED");
        var published = events.read("shopflow.order", orderId, 3);
        var cancelled = (OrderCancelled) events.decode(published.get(2));
        assertThat(cancelled).isEqualTo(new OrderCancelled(orderId, user, "payment failed: card declined"));
        assertThat(published.get(2).correlationId()).isEqualTo(flow);
    }

    @Test
    void an_event_about_an_unknown_order_is_dead_lettered() {
        String strangersPayment = UUID.randomUUID().toString();
        events.publish(new PaymentCompleted(strangersPayment, UUID.randomUUID().toString(), user, TOTAL, "ch_2"), flow);

        var dead = events.read("shopflow.payment.dlq.order-service", strangersPayment, 1);
        assertThat(dead.get(0).type()).isEqualTo("PaymentCompleted");
        // The partition moved on: a later event is processed.
        paymentCompleted();
        awaitStatus("CONFIRMED");
    }
}
