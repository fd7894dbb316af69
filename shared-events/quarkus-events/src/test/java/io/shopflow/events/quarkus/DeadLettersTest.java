package io.shopflow.events.quarkus;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.shopflow.events.CloudEventHeaders;
import io.shopflow.events.DomainEvent;
import io.shopflow.events.EventCodec;
import io.shopflow.events.EventEnvelope;
import io.shopflow.events.order.OrderCancelled;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Dead letters end to end on the real broker and database: a poison record dead-lettered by the test consumer,
 * taken from its dead-letter topic into the store, listed and shown over REST, redriven through the same consumer
 * (its redrive topic) once the cause is fixed, discarded with a reason; and what is refused, changing nothing.
 */
@QuarkusTest
class DeadLettersTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String ADMIN = "/admin/dead-letters";
    /** The gauges are sampled again on every change made through the store. */
    private static final Duration GAUGE_REFRESHED = Duration.ofSeconds(5);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    EventCodec codec;

    @Inject
    Pool pool;

    @Inject
    OrderEffectsConsumer consumer;

    @Inject
    MeterRegistry registry;

    private KafkaProducer<String, byte[]> producer;
    private TestOrder order;
    private String orderId;

    @BeforeEach
    void setUp() {
        order = TestOrder.fresh(codec);
        orderId = order.id();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void tearDown() {
        producer.close();
    }

    @Test
    void a_poison_record_is_listed_redriven_after_its_cause_is_fixed_and_takes_effect_once() {
        var poison = send(order.cancelled(OrderEffectsConsumer.REPAIRABLE));
        var letter = awaitDeadLetter(poison, "WAITING", 1);
        assertThat(letter.getString("topic")).isEqualTo("shopflow.order");
        assertThat(letter.getString("type")).isEqualTo("OrderCancelled");
        assertThat(letter.getString("aggregateId")).isEqualTo(orderId);
        assertThat(letter.getString("error")).contains("cannot cancel " + orderId + " until repaired");
        assertThat(letter.getString("failedAt")).isNotNull();
        given().queryParam("status", "WAITING").queryParam("type", "OrderCancelled").when().get(ADMIN)
                .then().statusCode(200).body("id", hasItem(poison.id().toString()));
        given().when().get(ADMIN + "/" + poison.id()).then().statusCode(200)
                .body("payload", containsString(orderId))
                .body("headers.find { it.name == 'ce_type' }.value", equalTo("OrderCancelled.v1"));

        // Redriven before the fix: it fails again in the same consumer and comes back, one attempt more.
        redrive(poison).statusCode(202).body("[0].status", equalTo("REDRIVEN"));
        awaitDeadLetter(poison, "WAITING", 2);
        assertThat(effects(poison)).isZero();

        consumer.repair(orderId);
        redrive(poison).statusCode(202);
        await("the redrive took effect", () -> show(poison).getBoolean("handled"));
        assertThat(effects(poison)).isEqualTo(1);
        assertThat(show(poison).getString("status")).isEqualTo("REDRIVEN");
        assertThat(show(poison).getInt("attempts")).isEqualTo(2);

        // Redriven again: the inbox knows it, so the consumer skips it as the duplicate it is.
        double duplicates = duplicatesOfCancellations();
        redrive(poison).statusCode(202);
        await("the second redrive was seen", () -> duplicatesOfCancellations() > duplicates);
        assertThat(effects(poison)).isEqualTo(1);
        assertThat(show(poison).getInt("redrives")).isEqualTo(3);
    }

    @Test
    void a_selection_and_all_waiting_of_a_type_are_redriven_each_to_one_effect() {
        var first = send(order.cancelled(OrderEffectsConsumer.REPAIRABLE));
        var second = send(order.cancelled(OrderEffectsConsumer.REPAIRABLE));
        awaitDeadLetter(first, "WAITING", 1);
        awaitDeadLetter(second, "WAITING", 1);
        consumer.repair(orderId);

        given().contentType(ContentType.JSON).body(Map.of("ids", List.of(first.id(), first.id())))
                .when().post(ADMIN + "/redrive").then().statusCode(202)
                .body("id", equalTo(List.of(first.id().toString())));
        await("the selection took effect", () -> show(first).getBoolean("handled"));
        // The type's other waiting letters: second (and any other test's left waiting, which fail again).
        given().contentType(ContentType.JSON).body(Map.of("type", "OrderCancelled"))
                .when().post(ADMIN + "/redrive").then().statusCode(202)
                .body("id", hasItem(second.id().toString()))
                .body("id", not(hasItem(first.id().toString())));
        await("the type took effect", () -> show(second).getBoolean("handled"));
        assertThat(effects(first)).isEqualTo(1);
        assertThat(effects(second)).isEqualTo(1);
    }

    @Test
    void a_redrive_meeting_an_aggregate_that_moved_on_is_decided_by_the_handlers_state_check() {
        var poison = send(order.cancelled(OrderEffectsConsumer.REPAIRABLE));
        awaitDeadLetter(poison, "WAITING", 1);
        var newer = send(order.confirmed());
        await("the newer event took effect", () -> effects(newer) == 1);

        consumer.repair(orderId);
        redrive(poison).statusCode(202);
        // Not refused: delivered, handled (in the inbox), and the handler found the order confirmed.
        await("the redrive was handled", () -> show(poison).getBoolean("handled"));
        assertThat(effects(poison)).isZero();
        assertThat(effects(newer)).isEqualTo(1);
    }

    @Test
    void a_discarded_dead_letter_keeps_its_reason_and_is_never_redriven() {
        var poison = send(order.cancelled(OrderEffectsConsumer.REPAIRABLE));
        awaitDeadLetter(poison, "WAITING", 1);
        awaitGaugeCountingTheTable();
        assertThat(registry.get("shopflow.events.dead.letters.oldest.age").tags("topic", "shopflow.order")
                .gauge().value()).isPositive();

        discard(poison, " ").statusCode(400).contentType("application/problem+json");
        discard(poison, "order was refunded by hand, ticket OPS-12").statusCode(200)
                .body("status", equalTo("DISCARDED"));
        awaitGaugeCountingTheTable();

        var kept = show(poison);
        assertThat(kept.getString("status")).isEqualTo("DISCARDED");
        assertThat(kept.getString("discardReason")).isEqualTo("order was refunded by hand, ticket OPS-12");
        assertThat(kept.getString("discardedAt")).isNotNull();
        redrive(poison).statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:shopflow:problem:dead-letter-discarded"));
        discard(poison, "again").statusCode(409);
        assertThat(show(poison).getString("discardReason")).isEqualTo("order was refunded by hand, ticket OPS-12");
        assertThat(show(poison).getInt("redrives")).isZero();
    }

    @Test
    void unknown_ids_types_and_schemas_are_refused_with_a_problem_and_change_nothing() {
        var poison = send(order.cancelled(OrderEffectsConsumer.REPAIRABLE));
        awaitDeadLetter(poison, "WAITING", 1);
        var unknownId = UUID.randomUUID();

        redrive(unknownId).statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:shopflow:problem:not-found"))
                .body("detail", containsString(unknownId.toString()));
        given().when().get(ADMIN + "/" + unknownId).then().statusCode(404).contentType("application/problem+json");
        discard(unknownId, "no such thing").statusCode(404).contentType("application/problem+json");
        // A selection with one unknown id redrives none of it.
        given().contentType(ContentType.JSON).body(Map.of("ids", List.of(poison.id(), unknownId)))
                .when().post(ADMIN + "/redrive").then().statusCode(404).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("type", "NoSuchEvent"))
                .when().post(ADMIN + "/redrive").then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:shopflow:problem:unknown-event-schema"));
        given().contentType(ContentType.JSON).body(Map.of())
                .when().post(ADMIN + "/redrive").then().statusCode(400).contentType("application/problem+json");
        assertThat(show(poison).getInt("redrives")).isZero();
        assertThat(show(poison).getString("status")).isEqualTo("WAITING");

        // An event type this service does not know was dead-lettered unread; a redrive would only bring it back.
        var future = order.envelope(order.cancelled("from the future"));
        var record = order.record(future);
        record.headers().remove(CloudEventHeaders.TYPE).add(CloudEventHeaders.TYPE,
                "OrderTeleported.v1".getBytes(StandardCharsets.UTF_8));
        send(record);
        var unread = awaitDeadLetter(future, "WAITING", 1);
        assertThat(unread.getString("type")).isEqualTo("OrderTeleported");
        redrive(future).statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:shopflow:problem:unknown-event-schema"))
                .body("detail", containsString("OrderTeleported.v1"));
        assertThat(show(future).getInt("redrives")).isZero();
        assertThat(show(future).getString("status")).isEqualTo("WAITING");
    }

    @Test
    void a_record_too_broken_to_read_is_kept_shown_and_refused_a_redrive() {
        // No CloudEvents headers, a key longer than any column of names, a NUL in a header: dead-lettered unread.
        String key = orderId + "-" + "k".repeat(300);
        var broken = new ProducerRecord<>("shopflow.order", key, "not an event".getBytes(StandardCharsets.UTF_8));
        broken.headers().add("x-origin", "a\0b".getBytes(StandardCharsets.UTF_8));
        send(broken);

        await("the broken record is listed", () -> given().when().get(ADMIN + "?status=WAITING&limit=1000").then()
                .extract().jsonPath().getList("aggregateId").contains(key));
        var letter = given().when().get(ADMIN + "?status=WAITING&limit=1000").then().extract().jsonPath()
                .getMap("find { it.aggregateId == '" + key + "' }");
        assertThat(letter.get("type")).isNull();
        assertThat((String) letter.get("error")).contains("Missing CloudEvents header");
        var id = UUID.fromString((String) letter.get("id"));
        given().when().get(ADMIN + "/" + id).then().statusCode(200).body("payload", equalTo("not an event"))
                .body("headers.find { it.name == 'x-origin' }.value", equalTo("a\uFFFDb"));
        redrive(id).statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:shopflow:problem:unknown-event-schema"));
    }

    private ValidatableResponse redrive(EventEnvelope envelope) {
        return redrive(envelope.id());
    }

    private ValidatableResponse redrive(UUID id) {
        return given().when().post(ADMIN + "/" + id + "/redrive").then();
    }

    private ValidatableResponse discard(EventEnvelope envelope, String reason) {
        return discard(envelope.id(), reason);
    }

    private ValidatableResponse discard(UUID id, String reason) {
        return given().contentType(ContentType.JSON).body(Map.of("reason", reason))
                .when().post(ADMIN + "/" + id + "/discard").then();
    }

    private JsonPath show(EventEnvelope envelope) {
        return given().when().get(ADMIN + "/" + envelope.id()).then().statusCode(200).extract().jsonPath();
    }

    /** Waits until the store has it with this status and number of attempts; answers it as shown. */
    private JsonPath awaitDeadLetter(EventEnvelope envelope, String status, int attempts) {
        await(envelope.id() + " " + status + " after " + attempts + " attempt(s)", () -> {
            var response = given().when().get(ADMIN + "/" + envelope.id()).then().extract();
            return response.statusCode() == 200 && status.equals(response.jsonPath().getString("status"))
                    && response.jsonPath().getInt("attempts") == attempts;
        });
        return show(envelope);
    }

    /**
     * Other tests' letters may come and go meanwhile: the gauge is checked against the table, not by difference, and
     * sooner than its periodic sample (30 s) would make them agree.
     */
    private void awaitGaugeCountingTheTable() {
        Awaitility.await("the waiting gauge counts the table's waiting letters").atMost(GAUGE_REFRESHED)
                .pollInterval(Duration.ofMillis(50)).until(() -> waitingGauge() == waitingInTable());
    }

    private double waitingGauge() {
        return registry.get("shopflow.events.dead.letters.waiting").tags("topic", "shopflow.order").gauge().value();
    }

    private long waitingInTable() {
        return pool.query("SELECT count(*) FROM dead_letters WHERE status = 'WAITING' AND topic = 'shopflow.order'")
                .execute().map(rows -> rows.iterator().next().getLong(0)).await().indefinitely();
    }

    private double duplicatesOfCancellations() {
        var timer = registry.find("shopflow.events.consumed").tags("type", "OrderCancelled.v1", "outcome", "duplicate")
                .timer();
        return timer == null ? 0 : timer.count();
    }

    private EventEnvelope send(DomainEvent event) {
        var envelope = order.envelope(event);
        send(order.record(envelope));
        return envelope;
    }

    private void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long effects(EventEnvelope envelope) {
        return TestOrder.effects(pool, envelope);
    }

    private static void await(String what, Callable<Boolean> condition) {
        Awaitility.await(what).atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(condition);
    }
}
