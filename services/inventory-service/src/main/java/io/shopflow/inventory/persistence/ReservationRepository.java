package io.shopflow.inventory.persistence;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopflow.events.inventory.StockLine;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The {@code reservations} table: one per order, moved on only from RESERVED, so each move happens once. */
@ApplicationScoped
public class ReservationRepository {

    public enum Status { PENDING, RESERVED, REJECTED, RELEASED, COMMITTED }

    public record Reservation(String orderId, String userId, Status status, List<StockLine> lines,
                              @Schema(nullable = true, description = "Why it was rejected; null otherwise") String reason,
                              OffsetDateTime updatedAt) {
    }

    private final Pool pool;
    private final ObjectMapper json;

    public ReservationRepository(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** Claims the order for a first reservation attempt; false when the order was already seen (or cancelled). */
    public Uni<Boolean> claim(SqlConnection tx, String orderId, String userId) {
        return tx.preparedQuery("INSERT INTO reservations (order_id, user_id, status) VALUES ($1, $2, 'PENDING') "
                        + "ON CONFLICT (order_id) DO NOTHING")
                .execute(Tuple.of(orderId, userId))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Records the outcome of the attempt {@link #claim} started. */
    public Uni<Void> settle(SqlConnection tx, String orderId, Status status, List<StockLine> lines, String reason) {
        return tx.preparedQuery("UPDATE reservations SET status = $2, lines = $3, reason = $4, updated_at = now() "
                        + "WHERE order_id = $1")
                .execute(Tuple.of(orderId, status.name(), linesJson(lines), reason))
                .replaceWithVoid();
    }

    /**
     * Moves a RESERVED reservation to {@code to}; returns its lines, or empty when it was not RESERVED (already
     * released or committed, rejected, or unknown).
     */
    public Uni<Optional<List<StockLine>>> finish(SqlConnection tx, String orderId, Status to, String reason) {
        return tx.preparedQuery("UPDATE reservations SET status = $2, reason = $3, updated_at = now() "
                        + "WHERE order_id = $1 AND status = 'RESERVED' RETURNING lines")
                .execute(Tuple.of(orderId, to.name(), reason))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(lines(rows.iterator().next())));
    }

    /** Marks an order never reserved as cancelled, so that its OrderPlaced, if it comes later, reserves nothing. */
    public Uni<Void> tombstone(SqlConnection tx, String orderId, String reason) {
        return tx.preparedQuery("INSERT INTO reservations (order_id, status, reason) VALUES ($1, 'RELEASED', $2) "
                        + "ON CONFLICT (order_id) DO NOTHING")
                .execute(Tuple.of(orderId, reason))
                .replaceWithVoid();
    }

    public Uni<Optional<Reservation>> find(String orderId) {
        return pool.preparedQuery("SELECT order_id, user_id, status, lines, reason, updated_at FROM reservations "
                        + "WHERE order_id = $1")
                .execute(Tuple.of(orderId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(reservation(rows.iterator().next())));
    }

    private Reservation reservation(Row row) {
        return new Reservation(row.getString("order_id"), row.getString("user_id"),
                Status.valueOf(row.getString("status")), lines(row), row.getString("reason"),
                row.getOffsetDateTime("updated_at"));
    }

    private List<StockLine> lines(Row row) {
        return List.of(json.convertValue(row.getJsonArray("lines").getList(), StockLine[].class));
    }

    private JsonArray linesJson(List<StockLine> lines) {
        return new JsonArray(json.convertValue(lines, List.class));
    }
}
