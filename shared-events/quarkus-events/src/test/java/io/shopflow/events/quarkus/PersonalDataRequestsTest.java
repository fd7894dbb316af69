package io.shopflow.events.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.shopflow.infra.testing.TopicReader;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The holder's side of personal-data requests, as any Kafka client meets it: a request written with plain Kafka
 * headers (a correlation id, a reply topic and partition) is answered on that topic with the same correlation id and
 * the user's rows; requests that cannot be answered get no answer and hold nothing up.
 */
@QuarkusTest
class PersonalDataRequestsTest {

    private static final String REQUESTS = "shopflow.personal-data.requests";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    Pool pool;

    @Inject
    ObjectMapper json;

    private KafkaProducer<String, byte[]> producer;
    /** A reply topic of this test's own, as each requester has its own. */
    private final String replies = "test.personal-data.replies." + UUID.randomUUID();

    @BeforeEach
    void connect() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void close() {
        producer.close();
    }

    @Test
    void a_request_is_answered_on_its_reply_topic_with_its_correlation_id_and_only_that_users_rows() throws IOException {
        String ada = UUID.randomUUID().toString();
        note(ada, "prefers e-mail");
        note(ada, "gift wrap");
        note(UUID.randomUUID().toString(), "someone else's");

        byte[] correlation = request(ada, ("{\"userId\":\"" + ada + "\"}").getBytes(StandardCharsets.UTF_8));

        var answer = repliesTo(List.of(correlation)).get(0);
        JsonNode part = json.readTree(answer.value());
        assertThat(part.path("service").asText()).isEqualTo("events-test");
        assertThat(part.path("truncated").asBoolean()).isFalse();
        assertThat(part.path("records").findValuesAsText("note")).containsExactlyInAnyOrder("prefers e-mail", "gift wrap");
        assertThat(part.path("records").findValuesAsText("kind")).containsOnly("customer_notes");
        assertThat(part.path("records").findValuesAsText("user_id")).containsOnly(ada);
    }

    @Test
    void more_rows_than_an_answer_carries_are_cut_and_said_so_and_a_stranger_has_none() throws IOException {
        String busy = UUID.randomUUID().toString();
        for (int n = 0; n < 4; n++) {
            note(busy, "note " + n);
        }
        String stranger = UUID.randomUUID().toString();

        byte[] first = request(busy, ("{\"userId\":\"" + busy + "\"}").getBytes(StandardCharsets.UTF_8));
        byte[] second = request(stranger, ("{\"userId\":\"" + stranger + "\"}").getBytes(StandardCharsets.UTF_8));

        var answers = repliesTo(List.of(first, second));
        JsonNode cut = json.readTree(answers.get(0).value());
        assertThat(cut.path("records")).hasSize(3);
        assertThat(cut.path("truncated").asBoolean()).isTrue();
        JsonNode none = json.readTree(answers.get(1).value());
        assertThat(none.path("records")).isEmpty();
        assertThat(none.path("truncated").asBoolean()).isFalse();
    }

    @Test
    void unanswerable_requests_get_no_answer_and_the_one_after_them_is_answered() {
        String key = "hostile-" + UUID.randomUUID();
        var unanswerable = new ArrayList<byte[]>();
        unanswerable.add(request(key, "not json".getBytes(StandardCharsets.UTF_8)));
        unanswerable.add(request(key, "{\"userId\":\"\"}".getBytes(StandardCharsets.UTF_8)));
        unanswerable.add(request(key, "{\"userId\":[1,2]}".getBytes(StandardCharsets.UTF_8)));
        unanswerable.add(request(key, ("{\"userId\":\"" + "x".repeat(201) + "\"}").getBytes(StandardCharsets.UTF_8)));
        unanswerable.add(request(key, null));
        // No reply topic: nowhere to answer.
        send(new ProducerRecord<>(REQUESTS, key, "{\"userId\":\"u\"}".getBytes(StandardCharsets.UTF_8)));
        byte[] good = request(key, "{\"userId\":\"u-after\"}".getBytes(StandardCharsets.UTF_8));

        // Same key, same partition: the requests are handled in order, so when the good one is answered the others
        // were handled before it, and their answers (there must be none) would be on the topic before its own.
        var seen = TopicReader.readUntil(bootstrapServers, replies, record -> true,
                kept -> kept.stream().anyMatch(record -> correlationOf(record).equals(new String(good))), PATIENCE);
        assertThat(seen).hasSize(1);
        assertThat(unanswerable).noneMatch(correlation -> correlationOf(seen.get(0)).equals(new String(correlation)));
    }

    /** Sends a request as SmallRye's requester does, to be answered on partition 0 of this test's reply topic. */
    private byte[] request(String key, byte[] payload) {
        byte[] correlation = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
        var record = new ProducerRecord<>(REQUESTS, key, payload);
        record.headers().add(new RecordHeader("REPLY_CORRELATION_ID", correlation));
        record.headers().add(new RecordHeader("REPLY_TOPIC", replies.getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("REPLY_PARTITION", new byte[] {0, 0, 0, 0}));
        send(record);
        return correlation;
    }

    private void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The answers to these correlation ids, in their order, once all arrived. */
    private List<ConsumerRecord<String, byte[]>> repliesTo(List<byte[]> correlations) {
        var wanted = correlations.stream().map(String::new).toList();
        var kept = TopicReader.readUntil(bootstrapServers, replies, record -> wanted.contains(correlationOf(record)),
                records -> records.size() >= wanted.size(), PATIENCE);
        return wanted.stream().map(id -> kept.stream().filter(record -> correlationOf(record).equals(id)).findFirst()
                .orElseThrow()).toList();
    }

    private static String correlationOf(ConsumerRecord<String, byte[]> record) {
        var header = record.headers().lastHeader("REPLY_CORRELATION_ID");
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private void note(String userId, String note) {
        pool.preparedQuery("INSERT INTO customer_notes (user_id, note) VALUES ($1, $2)").execute(Tuple.of(userId, note))
                .await().atMost(Duration.ofSeconds(10));
    }
}
