package io.shopflow.payment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.shopflow.callers.Caller;
import io.shopflow.events.EventEnvelope;
import io.shopflow.events.inventory.StockLine;
import io.shopflow.events.inventory.StockReserved;
import io.shopflow.events.order.Money;
import io.shopflow.events.order.OrderCancelled;
import io.shopflow.events.payment.PaymentCompleted;
import io.shopflow.events.payment.PaymentFailed;
import io.shopflow.events.payment.PaymentRefunded;
import io.shopflow.events.testing.KafkaEvents;
import io.shopflow.payment.ScriptedProvider.Answer;
import io.shopflow.payment.domain.Payment;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * payment-service in the saga: StockReserved events on the real broker, the real database, and the provider
 * played by {@link ScriptedProvider}, so that each test decides how the provider misbehaves.
 */
@QuarkusTest
class PaymentSagaTest {

    private static final Money TOTAL = new Money(new BigDecimal("28.20"), "EUR");
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String OWNER = "u-1";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private KafkaEvents events;
    private String orderId;
    private String paymentId;

    @BeforeEach
    void newOrder() {
        events = new KafkaEvents(bootstrapServers);
        orderId = UUID.randomUUID().toString();
        paymentId = Payment.idOf(orderId).toString();
    }

    @AfterEach
    void close() {
        events.close();
    }

    private EventEnvelope stockReserved() {
        return events.publish(new StockReserved(orderId, OWNER, List.of(new StockLine("BOOK-1", 2)), TOTAL), orderId);
    }

    private List<EventEnvelope> paymentEvents(int count) {
        return events.read("shopflow.payment", paymentId, count);
    }

    /** A request as the gateway forwards it for {@code caller}, an admin or not (io.shopflow.callers). */
    private static RequestSpecification as(String caller, boolean admin) {
        return given().header(Caller.ID_HEADER, caller).header(Caller.ADMIN_HEADER, Boolean.toString(admin));
    }

    private static RequestSpecification asOwner() {
        return as(OWNER, false);
    }

    private String status() {
        return asOwner().queryParam("orderId", orderId).when().get("/api/v1/payments").then().statusCode(200)
                .extract().path("[0].status");
    }

    @Test
    void a_reservation_is_charged_once_and_completes_in_the_orders_flow() {
        var reserved = stockReserved();

        var completed = paymentEvents(1).get(0);

        var event = (PaymentCompleted) events.decode(completed);
        assertThat(event.orderId()).isEqualTo(orderId);
        assertThat(event.amount()).isEqualTo(TOTAL);
        assertThat(event.providerReference()).startsWith("ch_");
        assertThat(completed.correlationId()).isEqualTo(reserved.correlationId());
        assertThat(completed.causationId()).isEqualTo(reserved.id().toString());
        assertThat(ScriptedProvider.calls(paymentId)).isEqualTo(1);
        asOwner().when().get("/api/v1/payments/" + paymentId).then().statusCode(200)
                .body("status", equalTo("COMPLETED")).body("providerReference", equalTo(event.providerReference()));
    }

    @Test
    void transient_provider_failures_are_retried_and_still_charge_once() {
        ScriptedProvider.script(paymentId, Answer.FAIL_503, Answer.FAIL_503);
        stockReserved();

        assertThat(events.decode(paymentEvents(1).get(0))).isInstanceOf(PaymentCompleted.class);
        assertThat(ScriptedProvider.calls(paymentId)).isEqualTo(3);
    }

    @Test
    void a_decline_fails_the_payment_without_a_retry() {
        ScriptedProvider.script(paymentId, Answer.DECLINE_402);
        stockReserved();

        var failed = (PaymentFailed) events.decode(paymentEvents(1).get(0));

        assertThat(failed.reason()).isEqualTo("card declined");
        assertThat(ScriptedProvider.calls(paymentId)).isEqualTo(1);
        assertThat(ScriptedProvider.charged(paymentId)).isFalse();
    }

    @Test
    void a_provider_down_longer_than_the_retries_leaves_the_payment_pending_until_it_recovers() {
        // The client's own budget is 1 + 3 retries per attempt: two attempts fail whole; the third's call is held
        // by the provider, so the payment is seen pending for as long as the test needs, then it recovers.
        ScriptedProvider.script(paymentId, Answer.FAIL_503, Answer.FAIL_503, Answer.FAIL_503, Answer.FAIL_503,
                Answer.FAIL_503, Answer.FAIL_503, Answer.FAIL_503, Answer.FAIL_503, Answer.HOLD);
        stockReserved();

        await().atMost(PATIENCE).until(() -> ScriptedProvider.holding(paymentId));
        assertThat(status()).isEqualTo("PENDING");
        ScriptedProvider.release(paymentId);

        assertThat(paymentEvents(1).get(0).type()).isEqualTo("PaymentCompleted");
        assertThat(ScriptedProvider.calls(paymentId)).isEqualTo(9);
        asOwner().when().get("/api/v1/payments/" + paymentId).then().body("attempts", equalTo(3));
    }

    @Test
    void a_charge_hidden_by_a_timeout_is_found_and_refunded_when_the_payment_is_given_up() {
        // The first call charges but never answers; every later one fails, until the payment is given up.
        var answers = new Answer[13];
        Arrays.fill(answers, Answer.FAIL_503);
        answers[0] = Answer.CHARGE_SILENTLY;
        ScriptedProvider.script(paymentId, answers);
        stockReserved();

        var outcome = paymentEvents(2);

        assertThat(outcome).extracting(EventEnvelope::type).containsExactly("PaymentFailed", "PaymentRefunded");
        assertThat(((PaymentFailed) events.decode(outcome.get(0))).reason()).isEqualTo("payment provider unavailable");
        assertThat(ScriptedProvider.refunded(paymentId)).isTrue();
        assertThat(status()).isEqualTo("REFUNDED");
    }

    @Test
    void a_payment_given_up_on_with_nothing_charged_is_void() {
        var answers = new Answer[12];
        Arrays.fill(answers, Answer.FAIL_503);
        ScriptedProvider.script(paymentId, answers);
        stockReserved();

        assertThat(events.decode(paymentEvents(1).get(0))).isInstanceOf(PaymentFailed.class);
        await().atMost(PATIENCE).until(() -> "VOIDED".equals(status()));
        assertThat(ScriptedProvider.charged(paymentId)).isFalse();
    }

    @Test
    void the_same_reservation_delivered_again_or_reported_twice_charges_once() {
        var reserved = stockReserved();
        events.send(reserved);
        stockReserved();

        paymentEvents(1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> ScriptedProvider.calls(paymentId) == 1);
        asOwner().queryParam("orderId", orderId).when().get("/api/v1/payments").then().body("", hasSize(1));
    }

    @Test
    void cancelling_a_paid_order_refunds_it() {
        stockReserved();
        paymentEvents(1);
        var cancelled = events.publish(new OrderCancelled(orderId, OWNER, "deadline passed"), orderId);

        var refunded = paymentEvents(2).get(1);

        assertThat(events.decode(refunded)).isEqualTo(new PaymentRefunded(paymentId, orderId, "u-1", TOTAL,
                "order cancelled: deadline passed"));
        assertThat(refunded.causationId()).isEqualTo(cancelled.id().toString());
        assertThat(ScriptedProvider.refunded(paymentId)).isTrue();
        assertThat(status()).isEqualTo("REFUNDED");
    }

    @Test
    void a_payment_is_read_by_its_owner_and_admins_only() {
        stockReserved();
        paymentEvents(1);

        for (String path : List.of("/api/v1/payments/" + paymentId, "/api/v1/payments?orderId=" + orderId)) {
            asOwner().when().get(path).then().statusCode(200);
            as("support", true).when().get(path).then().statusCode(200);
            as("u-2", false).when().get(path).then().statusCode(403).contentType("application/problem+json")
                    .body("type", equalTo("urn:shopflow:problem:forbidden"));
            given().when().get(path).then().statusCode(403); // no caller: not through the gateway
        }
    }

    @Test
    void an_order_cancelled_before_its_reservation_arrives_is_never_charged() {
        events.publish(new OrderCancelled(orderId, OWNER, "deadline passed"), orderId);
        await().atMost(PATIENCE).until(() -> "CANCELLED".equals(status()));
        stockReserved();

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() -> ScriptedProvider.calls(paymentId) == 0);
        assertThat(status()).isEqualTo("CANCELLED");
    }

    @Test
    void reading_payments_needs_an_order_and_unknown_ones_are_404() {
        asOwner().when().get("/api/v1/payments").then().statusCode(400).contentType("application/problem+json");
        asOwner().when().get("/api/v1/payments/" + UUID.randomUUID()).then().statusCode(404);
        asOwner().when().get("/api/v1/payments/not-an-id").then().statusCode(404);
        asOwner().when().get("/api/v1/payments/1-1-1-1-1").then().statusCode(404);
    }
}
