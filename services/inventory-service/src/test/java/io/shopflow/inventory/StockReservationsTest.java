package io.shopflow.inventory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.shopflow.events.EventEnvelope;
import io.shopflow.events.inventory.StockCommitted;
import io.shopflow.events.inventory.StockLine;
import io.shopflow.events.inventory.StockRejected;
import io.shopflow.events.inventory.StockReleased;
import io.shopflow.events.inventory.StockReserved;
import io.shopflow.events.inventory.StockShortage;
import io.shopflow.events.order.Money;
import io.shopflow.events.order.OrderCancelled;
import io.shopflow.events.order.OrderConfirmed;
import io.shopflow.events.order.OrderLine;
import io.shopflow.events.order.OrderPlaced;
import io.shopflow.events.payment.PaymentFailed;
import io.shopflow.events.testing.Inbox;
import io.shopflow.events.testing.KafkaEvents;
import io.shopflow.infra.testing.TopicReader;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The saga's stock rules, driven by order and payment events on the real broker, checked on the real database. */
@QuarkusTest
class StockReservationsTest {

    private static final Money TOTAL = new Money(new BigDecimal("30.00"), "EUR");
    private static final String USER = "u-1";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    Pool pool;

    private KafkaEvents events;

    @BeforeEach
    void connect() {
        events = new KafkaEvents(bootstrapServers);
    }

    @AfterEach
    void close() {
        events.close();
    }

    private static String newOrderId() {
        return UUID.randomUUID().toString();
    }

    private EventEnvelope place(String orderId, OrderLine... lines) {
        return events.publish(new OrderPlaced(orderId, USER, List.of(lines), TOTAL), orderId);
    }

    private static OrderLine line(String sku, int quantity) {
        return new OrderLine(sku, quantity, BigDecimal.TEN);
    }

    private List<EventEnvelope> stockEvents(String orderId, int count) {
        return events.read("shopflow.inventory", orderId, count);
    }

    @Test
    void an_order_is_reserved_whole_and_the_event_carries_user_and_total() {
        String book = TestProducts.add(pool, 10);
        String mug = TestProducts.add(pool, 10);
        String orderId = newOrderId();
        var placed = place(orderId, line(book, 2), line(mug, 1));

        var reserved = stockEvents(orderId, 1).get(0);

        assertThat(events.decode(reserved)).isEqualTo(new StockReserved(orderId, USER,
                List.of(new StockLine(book, 2), new StockLine(mug, 1)), TOTAL));
        assertThat(reserved.correlationId()).isEqualTo(placed.correlationId());
        assertThat(reserved.causationId()).isEqualTo(placed.id().toString());
        assertThat(TestProducts.reserved(book)).isEqualTo(2);
        given().when().get("/api/v1/reservations/" + orderId).then().statusCode(200).body("status", equalTo("RESERVED"));
    }

    @Test
    void a_short_line_rejects_the_whole_order_and_reserves_nothing() {
        String plenty = TestProducts.add(pool, 10);
        String scarce = TestProducts.add(pool, 1);
        String orderId = newOrderId();
        place(orderId, line(plenty, 3), line(scarce, 2), line("NO-SUCH-SKU", 1));

        var rejected = (StockRejected) events.decode(stockEvents(orderId, 1).get(0));

        assertThat(rejected.shortages()).containsExactly(new StockShortage(scarce, 2, 1),
                new StockShortage("NO-SUCH-SKU", 1, 0));
        assertThat(TestProducts.reserved(plenty)).isZero();
        assertThat(TestProducts.reserved(scarce)).isZero();
    }

    @Test
    void a_product_named_on_two_lines_is_checked_for_their_sum() {
        String scarce = TestProducts.add(pool, 5);
        String orderId = newOrderId();
        place(orderId, line(scarce, 3), line(scarce, 3));

        var rejected = (StockRejected) events.decode(stockEvents(orderId, 1).get(0));

        assertThat(rejected.shortages()).containsExactly(new StockShortage(scarce, 6, 5));
        assertThat(TestProducts.reserved(scarce)).isZero();

        String fitting = newOrderId();
        place(fitting, line(scarce, 2), line(scarce, 2));

        var reserved = (StockReserved) events.decode(stockEvents(fitting, 1).get(0));
        assertThat(reserved.lines()).containsExactly(new StockLine(scarce, 4));
        assertThat(TestProducts.reserved(scarce)).isEqualTo(4);
    }

    @Test
    void an_order_asking_for_a_negative_quantity_is_dead_lettered_and_moves_no_stock() {
        String sku = TestProducts.add(pool, 5);
        String orderId = newOrderId();
        place(orderId, line(sku, 2), line(sku, -4));

        var dead = TopicReader.readUntil(bootstrapServers, "shopflow.order.dlq.inventory-service",
                record -> orderId.equals(record.key()), received -> !received.isEmpty(), Duration.ofSeconds(30));

        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("-4");
        assertThat(TestProducts.reserved(sku)).isZero();
        given().when().get("/api/v1/reservations/" + orderId).then().statusCode(404);
    }

    @Test
    void a_burst_of_orders_for_a_scarce_product_never_oversells() {
        String scarce = TestProducts.add(pool, 5);
        var orders = new ArrayList<String>();
        for (int n = 0; n < 20; n++) {
            String orderId = newOrderId();
            orders.add(orderId);
            place(orderId, line(scarce, 1));
        }

        int reserved = 0;
        int rejected = 0;
        for (var orderId : orders) {
            var outcome = stockEvents(orderId, 1).get(0).type();
            if (outcome.equals("StockReserved")) {
                reserved++;
            } else {
                assertThat(outcome).isEqualTo("StockRejected");
                rejected++;
            }
        }
        assertThat(reserved).isEqualTo(5);
        assertThat(rejected).isEqualTo(15);
        given().when().get("/api/v1/products/" + scarce).then()
                .body("onHand", equalTo(5)).body("reserved", equalTo(5)).body("available", equalTo(0));
    }

    @Test
    void a_failed_payment_and_the_cancellation_it_causes_release_once() {
        String sku = TestProducts.add(pool, 10);
        String orderId = newOrderId();
        place(orderId, line(sku, 4));
        stockEvents(orderId, 1);
        var failed = events.publish(new PaymentFailed("p-" + orderId, orderId, USER, TOTAL, "card declined"), orderId);
        var cancelled = events.publish(new OrderCancelled(orderId, USER, "payment failed: card declined"), orderId);
        events.send(cancelled);

        await().atMost(Duration.ofSeconds(30)).until(() -> Inbox.handled(pool, cancelled) && Inbox.handled(pool, failed));
        var stock = events.readAll("shopflow.inventory", orderId);
        assertThat(stock).extracting(EventEnvelope::type).containsExactly("StockReserved", "StockReleased");
        // Whichever of the two arrives first (they travel on different topics) releases; the other finds nothing.
        var released = (StockReleased) events.decode(stock.get(1));
        assertThat(released.lines()).containsExactly(new StockLine(sku, 4));
        assertThat(released.reason()).endsWith("payment failed: card declined");
        assertThat(TestProducts.reserved(sku)).isZero();
        assertThat(TestProducts.onHand(sku)).isEqualTo(10);
    }

    @Test
    void a_confirmed_order_takes_its_stock_for_good() {
        String sku = TestProducts.add(pool, 10);
        String orderId = newOrderId();
        place(orderId, line(sku, 3));
        stockEvents(orderId, 1);
        events.publish(new OrderConfirmed(orderId, USER, List.of(line(sku, 3)), TOTAL), orderId);

        var committed = stockEvents(orderId, 2).get(1);

        assertThat(events.decode(committed)).isEqualTo(new StockCommitted(orderId, List.of(new StockLine(sku, 3))));
        given().when().get("/api/v1/products/" + sku).then().body("onHand", equalTo(7)).body("reserved", equalTo(0));
        given().when().get("/api/v1/reservations/" + orderId).then().body("status", equalTo("COMMITTED"));
    }

    @Test
    void an_order_cancelled_before_it_was_seen_never_reserves() {
        String sku = TestProducts.add(pool, 10);
        String orderId = newOrderId();
        events.publish(new OrderCancelled(orderId, USER, "deadline passed"), orderId);
        var placed = place(orderId, line(sku, 2));

        await().atMost(Duration.ofSeconds(30)).until(() -> Inbox.handled(pool, placed));
        assertThat(TestProducts.reserved(sku)).isZero();
        given().when().get("/api/v1/reservations/" + orderId).then().body("status", equalTo("RELEASED"));
    }
}
