package io.shopflow.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import io.shopflow.events.PersonalField;
import io.shopflow.events.order.Money;
import io.shopflow.events.order.OrderCancelled;
import io.shopflow.events.order.OrderConfirmed;
import io.shopflow.events.order.OrderLine;
import io.shopflow.events.order.OrderPlaced;
import io.shopflow.events.order.OrderShipped;
import io.shopflow.events.order.OrderStockReserved;
import io.shopflow.events.payment.PaymentRefunded;
import io.shopflow.events.testing.Inbox;
import io.shopflow.events.testing.KafkaEvents;
import io.shopflow.events.user.UserRegistered;
import io.shopflow.events.user.UserUpdated;
import io.shopflow.infra.testing.TopicReader;
import io.shopflow.notification.domain.Messages;
import io.shopflow.notification.persistence.NotificationRepository;
import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Events of the other services on the real broker become one recorded notification and one (mock) mail each. */
@QuarkusTest
class NotificationsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** Longer than a sweep (2s): a second mail would have been sent by then. */
    private static final Duration QUIET = Duration.ofSeconds(3);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    MockMailbox mailbox;

    @Inject
    Pool pool;

    @Inject
    MeterRegistry registry;

    @Inject
    NotificationRepository notifications;

    private KafkaEvents events;
    private String userId;
    private String email;
    private String orderId;

    /**
     * Our loggers are at DEBUG while a test runs (the consumer logs each event it handles there): so that a test sees
     * lines about its own events, and no line of ours that shows personal data hides below INFO.
     */
    private final Logger ours = Logger.getLogger("io.shopflow");
    private Level oursBefore;
    /** Every line logged while a test runs, as it would be written. */
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler logCapture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void newUserAndOrder() {
        events = new KafkaEvents(bootstrapServers);
        userId = UUID.randomUUID().toString();
        email = "ada-" + userId + "@example.com";
        orderId = UUID.randomUUID().toString();
        Logger.getLogger("").addHandler(logCapture);
        oursBefore = ours.getLevel();
        ours.setLevel(org.jboss.logmanager.Level.DEBUG);
    }

    @AfterEach
    void close() {
        ours.setLevel(oursBefore);
        Logger.getLogger("").removeHandler(logCapture);
        events.close();
    }

    private void registered() {
        events.publish(new UserRegistered(userId, sealed("Ada Lovelace"), sealed(email), sealed("London")), userId);
    }

    private PersonalField sealed(String clearText) {
        return StandInUserService.seal(userId, clearText);
    }

    private static List<OrderLine> lines() {
        return List.of(new OrderLine("BOOK-1", 1, new BigDecimal("10.00")));
    }

    private static Money total() {
        return new Money(new BigDecimal("10.00"), "EUR");
    }

    private List<Mail> mails() {
        return mailbox.getMailsSentTo(email);
    }

    private double ignoredStockReservations() {
        return registry.counter("shopflow.events.ignored", "type", "OrderStockReserved.v1").count();
    }

    @Test
    void a_confirmed_order_is_recorded_and_mailed_once_even_when_its_event_is_delivered_twice() {
        registered();
        double ignoredBefore = ignoredStockReservations();
        var confirmation = events.publish(new OrderConfirmed(orderId, userId, lines(), total()), orderId);
        events.send(confirmation);
        // An event this service ignores, after the redelivery in the order's partition: once it is passed over,
        // the redelivery has been handled.
        events.publish(new OrderStockReserved(orderId), orderId);

        await().atMost(PATIENCE).until(() -> mails().size() == 1);
        await().atMost(PATIENCE).until(() -> ignoredStockReservations() > ignoredBefore);
        await().during(QUIET).atMost(QUIET.plusSeconds(2)).until(() -> mails().size() == 1);

        var mail = mails().get(0);
        assertThat(mail.getSubject()).isEqualTo("Your order is confirmed");
        assertThat(mail.getText()).startsWith("Hello Ada Lovelace,").contains("10.00 EUR").contains(orderId);
        assertThat(logged).as("the mail's address and the name in it are personal data, never logged")
                .anyMatch(line -> line.contains(orderId))
                .noneMatch(line -> line.contains(email) || line.contains("Ada Lovelace"));
        given().queryParam("userId", userId).when().get("/api/v1/notifications").then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].id", equalTo(confirmation.id().toString()))
                .body("[0].orderId", equalTo(orderId))
                .body("[0].kind", equalTo("ORDER_CONFIRMED"))
                .body("[0].status", equalTo("SENT"))
                .body("[0].attempts", equalTo(1));
    }

    @Test
    void every_step_of_an_order_is_told_newest_first_and_a_shipment_reaches_the_user_of_its_order() {
        registered();
        events.publish(new OrderPlaced(orderId, userId, lines(), total()), orderId);
        events.publish(new OrderConfirmed(orderId, userId, lines(), total()), orderId);
        events.publish(new OrderShipped(orderId, UUID.randomUUID().toString()), orderId);

        await().atMost(PATIENCE).until(() -> mails().size() == 3);

        assertThat(mails()).extracting(Mail::getSubject).containsExactlyInAnyOrder("We received your order",
                "Your order is confirmed", "Your order is on its way");
        // Marked SENT once the mail server has taken the mails: a moment after they are there.
        await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("userId", userId)
                .when().get("/api/v1/notifications").then().statusCode(200)
                .body("kind", equalTo(List.of("ORDER_SHIPPED", "ORDER_CONFIRMED", "ORDER_PLACED")))
                .body("status", equalTo(List.of("SENT", "SENT", "SENT"))));
        given().queryParam("userId", userId).queryParam("limit", 1).when().get("/api/v1/notifications").then()
                .statusCode(200).body("kind", equalTo(List.of("ORDER_SHIPPED")));
    }

    @Test
    void a_notification_waits_for_its_users_address_and_is_sent_once_it_arrives() {
        events.publish(new OrderCancelled(orderId, userId, "payment failed: card declined"), orderId);
        await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("userId", userId)
                .when().get("/api/v1/notifications").then().body("status", equalTo(List.of("PENDING"))));
        await().during(QUIET).atMost(QUIET.plusSeconds(2)).until(() -> mails().isEmpty());

        registered();

        await().atMost(PATIENCE).until(() -> mails().size() == 1);
        assertThat(mails().get(0).getText()).contains("card declined");
        // Marked SENT once the mail server has taken the mail: a moment after the mail is there.
        await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("userId", userId)
                .when().get("/api/v1/notifications").then().body("status", equalTo(List.of("SENT"))));
        assertThat(mails()).hasSize(1);
    }

    @Test
    void a_refund_is_mailed_to_the_users_latest_address_even_when_an_older_update_arrives_last() {
        registered();
        String newEmail = "ada-new-" + userId + "@example.com";
        String staleEmail = "ada-stale-" + userId + "@example.com";
        events.publish(new UserUpdated(userId, sealed("Ada King"), sealed(newEmail), sealed("Ockham"), BigDecimal.ZERO,
                3), userId);
        // Version 2 delivered after version 3 (a late redelivery, a replay): it must not bring back the old address.
        var staleHandled = events.publish(
                new UserUpdated(userId, sealed("Ada Byron"), sealed(staleEmail), sealed("Ockham"), BigDecimal.ZERO, 2),
                userId);
        await().atMost(PATIENCE).until(() -> Inbox.handled(pool, staleHandled));

        String paymentId = UUID.randomUUID().toString();
        events.publish(new PaymentRefunded(paymentId, orderId, userId, total(), "order cancelled"), paymentId);

        await().atMost(PATIENCE).until(() -> mailbox.getMailsSentTo(newEmail).size() == 1);
        var mail = mailbox.getMailsSentTo(newEmail).get(0);
        assertThat(mail.getSubject()).isEqualTo("Your payment was refunded");
        assertThat(mail.getText()).startsWith("Hello Ada King,").contains("10.00 EUR");
        assertThat(mails()).isEmpty();
        assertThat(mailbox.getMailsSentTo(staleEmail)).isEmpty();
    }

    @Test
    void notifications_recorded_by_one_batch_are_listed_newest_first_though_they_share_its_time() {
        // What one batch of the order's events records: three notifications in one transaction, one now().
        var kinds = List.of("ORDER_PLACED", "ORDER_CONFIRMED", "ORDER_SHIPPED");
        pool.withTransaction(tx -> Multi.createFrom().iterable(kinds)
                        .onItem().transformToUniAndConcatenate(kind -> notifications.record(tx, UUID.randomUUID(),
                                userId, orderId, new Messages.Message(kind, "subject", "body")))
                        .collect().last())
                .await().atMost(PATIENCE);

        var listed = given().queryParam("userId", userId).when().get("/api/v1/notifications").then().statusCode(200)
                .body("kind", equalTo(List.of("ORDER_SHIPPED", "ORDER_CONFIRMED", "ORDER_PLACED")))
                .extract().<List<String>>path("createdAt");
        assertThat(Set.copyOf(listed)).as("one transaction, one created_at").hasSize(1);
    }

    @Test
    void a_shipment_of_an_order_never_placed_is_dead_lettered() {
        events.publish(new OrderShipped(orderId, UUID.randomUUID().toString()), orderId);

        var dead = TopicReader.readUntil(bootstrapServers, "shopflow.order.dlq.notification-service",
                record -> orderId.equals(record.key()), found -> !found.isEmpty(), PATIENCE);

        var reason = dead.get(0).headers().lastHeader("dead-letter-reason");
        assertThat(new String(reason.value(), StandardCharsets.UTF_8)).contains("never placed");
    }

    @Test
    void listing_needs_a_user_and_a_sensible_limit() {
        given().when().get("/api/v1/notifications").then().statusCode(400).contentType("application/problem+json");
        given().queryParam("userId", "u").queryParam("limit", 0).when().get("/api/v1/notifications").then()
                .statusCode(400).contentType("application/problem+json");
        given().queryParam("userId", UUID.randomUUID().toString()).when().get("/api/v1/notifications").then()
                .statusCode(200).body("", hasSize(0));
    }
}
