package io.shopflow.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import io.shopflow.events.order.Money;
import io.shopflow.events.order.OrderCancelled;
import io.shopflow.events.order.OrderConfirmed;
import io.shopflow.events.order.OrderLine;
import io.shopflow.events.shipment.ShipmentScheduled;
import io.shopflow.events.testing.Inbox;
import io.shopflow.events.testing.KafkaEvents;
import io.shopflow.events.user.UserRegistered;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Order events on the real broker become one recorded notification and one (mock) mail each. */
@QuarkusTest
class NotificationsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    MockMailbox mailbox;

    @Inject
    Pool pool;

    private KafkaEvents events;
    private String userId;
    private String email;
    private String orderId;

    @BeforeEach
    void newUserAndOrder() {
        events = new KafkaEvents(bootstrapServers);
        userId = UUID.randomUUID().toString();
        email = "ada-" + userId + "@example.com";
        orderId = UUID.randomUUID().toString();
    }

    @AfterEach
    void close() {
        events.close();
    }

    private void registered() {
        events.publish(new UserRegistered(userId, "Ada Lovelace", email, "London"), userId);
    }

    private OrderConfirmed confirmed() {
        return new OrderConfirmed(orderId, userId, List.of(new OrderLine("BOOK-1", 1, BigDecimal.TEN)),
                new Money(new BigDecimal("10.00"), "EUR"));
    }

    @Test
    void a_confirmed_and_shipped_order_is_told_to_its_user_once_each() {
        registered();
        var confirmation = events.publish(confirmed(), orderId);
        events.send(confirmation);
        var shipment = events.publish(new ShipmentScheduled(UUID.randomUUID().toString(), orderId, userId, "DHL",
                LocalDate.of(2026, 12, 1)), orderId);

        await().atMost(PATIENCE).until(() -> mailbox.getMailsSentTo(email).size() == 2);
        await().atMost(PATIENCE).until(() -> Inbox.handled(pool, shipment));

        var mails = mailbox.getMailsSentTo(email);
        assertThat(mails).extracting(mail -> mail.getSubject())
                .containsExactlyInAnyOrder("Your order is confirmed", "Your order is on its way");
        assertThat(mails).anySatisfy(mail -> assertThat(mail.getText()).contains("DHL").contains("2026-12-01"));
        given().queryParam("userId", userId).when().get("/api/v1/notifications").then().statusCode(200)
                .body("", hasSize(2)).body("status", equalTo(List.of("SENT", "SENT")));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> mailbox.getMailsSentTo(email).size() == 2);
    }

    @Test
    void a_notification_waits_for_its_users_address() {
        events.publish(new OrderCancelled(orderId, userId, "payment failed: card declined"), orderId);
        await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("userId", userId)
                .when().get("/api/v1/notifications").then().body("status", equalTo(List.of("PENDING"))));
        assertThat(mailbox.getMailsSentTo(email)).isEmpty();

        registered();

        await().atMost(PATIENCE).until(() -> mailbox.getMailsSentTo(email).size() == 1);
        assertThat(mailbox.getMailsSentTo(email).get(0).getText()).contains("card declined");
    }

    @Test
    void listing_needs_a_user() {
        given().when().get("/api/v1/notifications").then().statusCode(400).contentType("application/problem+json");
        given().queryParam("userId", "u").queryParam("limit", 0).when().get("/api/v1/notifications").then().statusCode(400);
    }
}
