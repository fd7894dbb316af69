package io.shopflow.events.quarkus.deadletter;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code dead_letters} table (event-store's migration V6), in the service's own database. */
@ApplicationScoped
public class DeadLetterStore {

    /** Waiting dead letters of one topic, and when the oldest of them failed (null when none waits). */
    public record Waiting(String topic, long count, Instant oldestFailedAt) {
    }

    /** A filter of the list: each part optional. */
    public record Filter(DeadLetter.Status status, String eventType, int limit) {
    }

    // A copy read twice (the intake's offsets lost) has the same position and changes nothing; a new copy of the
    // same event (a redrive that failed again) makes it wait again, with its new error, one attempt more.
    private static final String RECORD = """
            INSERT INTO dead_letters (id, consumer, topic, redrive_topic, event_type, event_version, aggregate_id,
                                      error, attempts, first_failed_at, failed_at, status, headers, payload,
                                      dead_letter_position)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $9, 'WAITING', $10, $11, $12)
            ON CONFLICT (id) DO UPDATE SET error = excluded.error, failed_at = excluded.failed_at,
                attempts = dead_letters.attempts + 1, status = 'WAITING', headers = excluded.headers,
                payload = excluded.payload, dead_letter_position = excluded.dead_letter_position
            WHERE dead_letters.dead_letter_position <> excluded.dead_letter_position""";
    // handled: the consumer's inbox has the event, so it took effect there.
    private static final String SELECT = """
            SELECT d.*, i.event_id IS NOT NULL AS handled
            FROM dead_letters d LEFT JOIN inbox i ON i.consumer = d.consumer AND i.event_id = d.id
            """;

    private final Pool pool;

    public DeadLetterStore(Pool pool) {
        this.pool = pool;
    }

    Uni<Void> record(List<ArrivedDeadLetter> letters) {
        var rows = letters.stream().map(letter -> Tuple.tuple().addValue(letter.id()).addValue(letter.consumer())
                .addValue(letter.topic()).addValue(letter.redriveTopic()).addValue(letter.eventType())
                .addValue(letter.eventVersion())
                .addValue(letter.aggregateId()).addValue(letter.error()).addValue(utc(letter.failedAt()))
                .addValue(headersJson(letter.headers()))
                .addValue(letter.payload() == null ? null : Buffer.buffer(letter.payload()))
                .addValue(letter.position())).toList();
        return pool.withTransaction(tx -> tx.preparedQuery(RECORD).executeBatch(rows)).replaceWithVoid();
    }

    public Uni<List<DeadLetter>> list(Filter filter) {
        return pool.preparedQuery(SELECT + """
                        WHERE ($1::text IS NULL OR d.status = $1) AND ($2::text IS NULL OR d.event_type = $2)
                        ORDER BY d.failed_at DESC LIMIT $3""")
                .execute(Tuple.of(filter.status() == null ? null : filter.status().name(), filter.eventType(),
                        filter.limit()))
                .map(DeadLetterStore::letters);
    }

    public Uni<Optional<DeadLetter>> find(UUID id) {
        return find(List.of(id)).map(found -> found.stream().findFirst());
    }

    Uni<List<DeadLetter>> find(List<UUID> ids) {
        return pool.preparedQuery(SELECT + "WHERE d.id = ANY($1) ORDER BY d.failed_at")
                .execute(Tuple.of(ids.toArray(UUID[]::new)))
                .map(DeadLetterStore::letters);
    }

    Uni<List<DeadLetter>> waitingOfType(String eventType) {
        return pool.preparedQuery(SELECT + "WHERE d.status = 'WAITING' AND d.event_type = $1 ORDER BY d.failed_at")
                .execute(Tuple.of(eventType))
                .map(DeadLetterStore::letters);
    }

    /** Marks them redriven on {@code tx}, which commits only once the redrive topic has them. */
    Uni<Void> markRedriven(SqlClient tx, List<UUID> ids) {
        return tx.preparedQuery("""
                        UPDATE dead_letters SET status = 'REDRIVEN', redrives = redrives + 1, redriven_at = now()
                        WHERE id = ANY($1) AND status <> 'DISCARDED'""")
                .execute(Tuple.of(ids.toArray(UUID[]::new))).replaceWithVoid();
    }

    /** True if it was discarded now; false if there is no such dead letter or it was discarded before. */
    Uni<Boolean> discard(UUID id, String reason) {
        return pool.preparedQuery("""
                        UPDATE dead_letters SET status = 'DISCARDED', discarded_at = now(), discard_reason = $2
                        WHERE id = $1 AND status <> 'DISCARDED'""")
                .execute(Tuple.of(id, reason))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Per topic that ever had a dead letter: how many wait, and since when the oldest. */
    public Uni<List<Waiting>> waiting() {
        return pool.query("""
                        SELECT topic, count(*) FILTER (WHERE status = 'WAITING') AS waiting,
                               min(failed_at) FILTER (WHERE status = 'WAITING') AS oldest
                        FROM dead_letters GROUP BY topic""")
                .execute()
                .map(rows -> {
                    var waiting = new ArrayList<Waiting>();
                    rows.forEach(row -> waiting.add(new Waiting(row.getString("topic"), row.getLong("waiting"),
                            instant(row.getOffsetDateTime("oldest")))));
                    return waiting;
                });
    }

    private static List<DeadLetter> letters(Iterable<Row> rows) {
        var letters = new ArrayList<DeadLetter>();
        rows.forEach(row -> letters.add(letter(row)));
        return letters;
    }

    private static DeadLetter letter(Row row) {
        var payload = row.getBuffer("payload");
        return new DeadLetter(row.getUUID("id"), row.getString("consumer"), row.getString("topic"),
                row.getString("redrive_topic"), row.getString("event_type"), row.getInteger("event_version"),
                row.getString("aggregate_id"), row.getString("error"), row.getInteger("attempts"),
                instant(row.getOffsetDateTime("first_failed_at")), instant(row.getOffsetDateTime("failed_at")),
                DeadLetter.Status.valueOf(row.getString("status")), row.getInteger("redrives"),
                instant(row.getOffsetDateTime("redriven_at")), instant(row.getOffsetDateTime("discarded_at")),
                row.getString("discard_reason"), row.getBoolean("handled"), headers(row.getJsonArray("headers")),
                payload == null ? null : payload.getBytes());
    }

    private static JsonArray headersJson(List<DeadLetter.Header> headers) {
        var json = new JsonArray();
        headers.forEach(header -> json.add(new JsonArray().add(header.name()).add(header.value())));
        return json;
    }

    private static List<DeadLetter.Header> headers(JsonArray json) {
        var headers = new ArrayList<DeadLetter.Header>(json.size());
        for (int i = 0; i < json.size(); i++) {
            var pair = json.getJsonArray(i);
            headers.add(new DeadLetter.Header(pair.getString(0), pair.getString(1)));
        }
        return headers;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
