package io.shopflow.order.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/** The {@code idempotency_keys} table: which order a client's key placed, and for which request. */
@ApplicationScoped
public class IdempotencyKeys {

    /** What a key was first used for. */
    public record Remembered(String requestHash, UUID orderId) {
    }

    private final Pool pool;

    public IdempotencyKeys(Pool pool) {
        this.pool = pool;
    }

    public Uni<Optional<Remembered>> find(String key) {
        return pool.preparedQuery("SELECT request_hash, order_id FROM idempotency_keys WHERE key = $1")
                .execute(Tuple.of(key))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next())
                        .map(row -> new Remembered(row.getString("request_hash"), row.getUUID("order_id"))));
    }

    /** Fails with a unique violation when a concurrent request with the same key committed first. */
    public Uni<Void> remember(SqlConnection tx, String key, String requestHash, UUID orderId) {
        return tx.preparedQuery("INSERT INTO idempotency_keys (key, request_hash, order_id) VALUES ($1, $2, $3)")
                .execute(Tuple.of(key, requestHash, orderId))
                .replaceWithVoid();
    }

    /** Forgets keys older than {@code retention}; returns how many. */
    public Uni<Integer> purgeOlderThan(Duration retention) {
        return pool.preparedQuery("DELETE FROM idempotency_keys WHERE created_at < $1")
                .execute(Tuple.of(OffsetDateTime.now(ZoneOffset.UTC).minus(retention)))
                .map(rows -> rows.rowCount());
    }
}
