package io.shopflow.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import io.shopflow.events.PersonalField;
import io.shopflow.events.order.OrderCancelled;
import io.shopflow.events.testing.Inbox;
import io.shopflow.events.testing.KafkaEvents;
import io.shopflow.events.user.UserErased;
import io.shopflow.events.user.UserRegistered;
import io.shopflow.events.user.UserUpdated;
import io.shopflow.infra.testing.TopicReader;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Users' sealed names and emails as notification-service meets them on the real broker: opened with keys from
 * (a stand-in of) user-service, read as erased once the keys are destroyed, purged on UserErased, refused when
 * tampered with.
 */
@QuarkusTest
class ErasureTest {

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

    @BeforeEach
    void newUser() {
        events = new KafkaEvents(bootstrapServers);
        userId = UUID.randomUUID().toString();
        email = "grace-" + userId + "@example.com";
    }

    @AfterEach
    void close() {
        events.close();
    }

    private PersonalField sealed(String clearText) {
        return StandInUserService.seal(userId, clearText);
    }

    /** The user's contact row: name, email, erased (null when there is none). */
    private Map<String, Object> contact() {
        var rows = pool.preparedQuery("SELECT name, email, erased_at IS NOT NULL AS erased FROM contacts WHERE user_id = $1")
                .execute(Tuple.of(userId)).await().atMost(PATIENCE);
        if (rows.size() == 0) {
            return null;
        }
        var row = rows.iterator().next();
        var contact = new HashMap<String, Object>();
        contact.put("name", row.getString("name"));
        contact.put("email", row.getString("email"));
        contact.put("erased", row.getBoolean("erased"));
        return contact;
    }

    @Test
    void an_erasure_purges_the_contact_gives_up_the_users_notifications_and_no_late_event_brings_it_back() {
        events.publish(new UserRegistered(userId, sealed("Grace Hopper"), sealed(email), sealed("Arlington")), userId);
        await().atMost(PATIENCE).until(() -> contact() != null);
        assertThat(contact()).containsEntry("name", "Grace Hopper").containsEntry("email", email);

        StandInUserService.destroyKeysOf(userId);
        events.publish(new UserErased(userId), userId);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(contact()).containsEntry("erased", true)
                .containsEntry("name", null).containsEntry("email", null));
        String orderId = UUID.randomUUID().toString();
        events.publish(new OrderCancelled(orderId, userId, "deadline passed"), orderId);
        await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("userId", userId)
                .when().get("/api/v1/notifications").then()
                .body("status", equalTo(List.of("FAILED"))).body("reason", equalTo(List.of("the user was erased"))));
        // A replayed update of the erased user, sealed with a key that no longer exists.
        var late = events.publish(new UserUpdated(userId, sealed("Grace Hopper"), sealed(email), sealed("Arlington"),
                BigDecimal.ZERO, 7), userId);
        await().atMost(PATIENCE).until(() -> Inbox.handled(pool, late));
        assertThat(contact()).containsEntry("erased", true).containsEntry("email", null);
        assertThat(mailbox.getMailsSentTo(email)).isEmpty();
    }

    @Test
    void a_field_whose_key_is_destroyed_reads_as_erased_and_its_event_is_handled_not_dead_lettered() {
        var registered = new UserRegistered(userId, sealed("Grace Hopper"), sealed(email), sealed("Arlington"));
        StandInUserService.destroyKeysOf(userId);

        var handled = events.publish(registered, userId);

        await().atMost(PATIENCE).until(() -> Inbox.handled(pool, handled));
        assertThat(contact()).as("nothing to keep of an erased user").isNull();
    }

    @Test
    void a_tampered_sealed_field_is_refused_loudly_and_its_event_dead_lettered() {
        String name = sealed("Grace Hopper").sealed();
        // One character of the ciphertext changed: GCM's tag no longer matches.
        var parts = name.split("\\.", -1);
        parts[3] = (parts[3].charAt(0) == 'A' ? "B" : "A") + parts[3].substring(1);
        var tampered = PersonalField.sealed(String.join(".", parts));

        events.publish(new UserRegistered(userId, tampered, sealed(email), sealed("Arlington")), userId);

        var dead = TopicReader.readUntil(bootstrapServers, "shopflow.user.dlq.notification-service",
                record -> userId.equals(record.key()), found -> !found.isEmpty(), PATIENCE);
        var reason = dead.get(0).headers().lastHeader("dead-letter-reason");
        assertThat(new String(reason.value(), StandardCharsets.UTF_8)).contains("was refused");
        assertThat(contact()).isNull();
    }

    @Test
    void an_erasure_of_a_user_id_not_written_in_full_is_dead_lettered_not_taken_for_another_users() {
        // UUID.fromString reads it as 00000001-0001-0001-0001-000000000001, whose keys it would have forgotten.
        String shortId = "1-1-1-1-1";

        events.publish(new UserErased(shortId), shortId);

        var dead = TopicReader.readUntil(bootstrapServers, "shopflow.user.dlq.notification-service",
                record -> shortId.equals(record.key()), found -> !found.isEmpty(), PATIENCE);
        var reason = dead.get(0).headers().lastHeader("dead-letter-reason");
        assertThat(new String(reason.value(), StandardCharsets.UTF_8)).contains("Not a user id: '1-1-1-1-1'");
    }
}
