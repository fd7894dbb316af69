package io.shopflow.user;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.shopflow.infra.testing.TopicReader;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * No clear-text personal data leaves user-service in an event: every outbox row written while users register and
 * change, and every record of theirs on {@code shopflow.user}, scanned for their names, emails and addresses. The
 * relay deletes outbox rows once Kafka has them, so a trigger keeps a copy of each row as it is inserted.
 */
@QuarkusTest
class ClearTextScanTest {

    private static final int USERS = 5;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    Pool pool;

    @BeforeEach
    void copyEveryOutboxRowAsItIsWritten() {
        sql("CREATE TABLE IF NOT EXISTS outbox_scanned (row_json jsonb NOT NULL)");
        sql("CREATE OR REPLACE FUNCTION outbox_scanned_copy() RETURNS trigger LANGUAGE plpgsql AS $$"
                + " BEGIN INSERT INTO outbox_scanned VALUES (to_jsonb(NEW)); RETURN NEW; END $$");
        sql("DROP TRIGGER IF EXISTS outbox_scanned_copy ON outbox");
        sql("CREATE TRIGGER outbox_scanned_copy AFTER INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION outbox_scanned_copy()");
    }

    @AfterEach
    void stopCopying() {
        sql("DROP TRIGGER IF EXISTS outbox_scanned_copy ON outbox");
        sql("DROP TABLE outbox_scanned");
        sql("DROP FUNCTION outbox_scanned_copy()");
    }

    @Test
    void no_outbox_row_and_no_record_on_the_topic_holds_a_registered_users_personal_data() {
        var needles = new ArrayList<String>();
        var ids = new ArrayList<String>();
        IntStream.range(0, USERS).forEach(i -> {
            String token = UUID.randomUUID().toString().substring(0, 8);
            var name = "Scanned Person " + token;
            var email = "scanned-" + token + "@example.com";
            var address = token + " Privacy Lane, Springfield";
            var moved = token + " Erasure Road, Shelbyville";
            needles.addAll(List.of(name, email, address, moved, token));
            String id = UserRestApiTest.register(Map.of("name", name, "email", email, "address", address));
            given().contentType(ContentType.JSON).body(Map.of("address", moved))
                    .when().patch("/api/v1/users/" + id).then().statusCode(200);
            ids.add(id);
        });

        List<ConsumerRecord<String, byte[]>> records = TopicReader.readUntil(bootstrapServers, "shopflow.user",
                record -> ids.contains(record.key()), received -> received.size() >= 2 * USERS, Duration.ofSeconds(60));
        var rows = outboxRowsOf(ids);

        assertThat(records).hasSize(2 * USERS);
        assertThat(rows).hasSize(2 * USERS);
        assertThat(rows).allSatisfy(row -> assertThat(row.toLowerCase(Locale.ROOT)).doesNotContain(lower(needles)));
        assertThat(records).allSatisfy(record -> assertThat(text(record).toLowerCase(Locale.ROOT))
                .doesNotContain(lower(needles)));
        // Not a scan that cannot fail: the same strings are where clear text belongs, user-service's own table.
        assertThat(usersRowsOf(ids)).hasSize(USERS)
                .allSatisfy(row -> assertThat(row).contains("Scanned Person", "Erasure Road, Shelbyville"));
    }

    private List<String> outboxRowsOf(List<String> ids) {
        var rows = new ArrayList<String>();
        pool.preparedQuery("SELECT row_json::text FROM outbox_scanned WHERE row_json->>'aggregateid' = ANY($1)")
                .execute(Tuple.of(ids.toArray(String[]::new))).await().indefinitely()
                .forEach(row -> rows.add(row.getString(0)));
        return rows;
    }

    private List<String> usersRowsOf(List<String> ids) {
        var rows = new ArrayList<String>();
        pool.preparedQuery("SELECT to_jsonb(users)::text FROM users WHERE id = ANY($1)")
                .execute(Tuple.of(ids.stream().map(UUID::fromString).toArray(UUID[]::new))).await().indefinitely()
                .forEach(row -> rows.add(row.getString(0)));
        return rows;
    }

    private static String text(ConsumerRecord<String, byte[]> record) {
        var text = new StringBuilder(new String(record.value(), StandardCharsets.UTF_8));
        record.headers().forEach(header -> text.append('\n').append(header.key()).append('=')
                .append(new String(header.value(), StandardCharsets.UTF_8)));
        return text.toString();
    }

    private static String[] lower(List<String> needles) {
        return needles.stream().map(needle -> needle.toLowerCase(Locale.ROOT)).toArray(String[]::new);
    }

    private void sql(String statement) {
        pool.query(statement).execute().await().indefinitely();
    }
}
