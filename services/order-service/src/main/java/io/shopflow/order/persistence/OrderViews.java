package io.shopflow.order.persistence;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopflow.events.order.Money;
import io.shopflow.events.order.OrderLine;
import io.shopflow.order.domain.Order;
import io.shopflow.order.domain.OrderStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The {@code orders} read model: each order as of its latest event, written in the transaction that saves
 * its events, so it is never behind the stream. Its row is also the lock that serialises the saga's consumers
 * on one order.
 */
@ApplicationScoped
public class OrderViews {

    private static final String COLUMNS =
            "id, user_id, status, lines, total_amount, currency, cancel_reason, version, created_at, updated_at";

    private final Pool pool;
    private final ObjectMapper json;

    public OrderViews(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    Uni<Void> save(SqlConnection tx, Order order) {
        return tx.preparedQuery("""
                        INSERT INTO orders (id, user_id, status, lines, total_amount, currency, cancel_reason, version,
                                            created_at, updated_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now(), now())
                        ON CONFLICT (id) DO UPDATE SET status = excluded.status, cancel_reason = excluded.cancel_reason,
                            version = excluded.version, updated_at = now()""")
                .execute(row(order))
                .replaceWithVoid();
    }

    /**
     * Makes the order's row what its events say, on {@code tx}, when it is missing or says anything else; a row that
     * is right is left alone, its times too. A missing row gets {@code placedAt} and {@code lastChangedAt} as its
     * times, a wrong one {@code lastChangedAt} as its update time.
     *
     * @return whether the row was written
     */
    Uni<Boolean> rebuild(SqlConnection tx, Order order, Instant placedAt, Instant lastChangedAt) {
        return tx.preparedQuery("""
                        INSERT INTO orders (id, user_id, status, lines, total_amount, currency, cancel_reason, version,
                                            created_at, updated_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                        ON CONFLICT (id) DO UPDATE SET user_id = excluded.user_id, status = excluded.status,
                            lines = excluded.lines, total_amount = excluded.total_amount, currency = excluded.currency,
                            cancel_reason = excluded.cancel_reason, version = excluded.version,
                            updated_at = excluded.updated_at
                        WHERE (orders.user_id, orders.status, orders.lines, orders.total_amount, orders.currency,
                               orders.cancel_reason, orders.version)
                              IS DISTINCT FROM (excluded.user_id, excluded.status, excluded.lines,
                               excluded.total_amount, excluded.currency, excluded.cancel_reason, excluded.version)
                        RETURNING id""")
                .execute(row(order).addOffsetDateTime(placedAt.atOffset(ZoneOffset.UTC))
                        .addOffsetDateTime(lastChangedAt.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * Deletes, on {@code tx}, the rows of orders that have no events: no order was ever placed with that id, since
     * placing one writes its events and its row in one transaction.
     *
     * @return how many were deleted
     */
    Uni<Integer> removeOrdersWithoutEvents(SqlConnection tx) {
        return tx.query("""
                        DELETE FROM orders WHERE NOT EXISTS (
                            SELECT 1 FROM event_store WHERE stream_id = orders.id::text AND version = 1)""")
                .execute().map(RowSet::rowCount);
    }

    private Tuple row(Order order) {
        var state = order.state();
        return Tuple.tuple().addUUID(UUID.fromString(order.id())).addString(state.userId())
                .addString(state.status().name())
                .addJsonArray(new JsonArray(json.convertValue(state.lines(), List.class)))
                .addBigDecimal(state.total().amount()).addString(state.total().currency())
                .addString(state.cancelReason()).addLong(order.version());
    }

    /**
     * Locks the order's row until {@code tx} ends, so that events about one order are applied one after the
     * other; false when there is no such order.
     */
    Uni<Boolean> lock(SqlConnection tx, UUID id) {
        return tx.preparedQuery("SELECT 1 FROM orders WHERE id = $1 FOR UPDATE").execute(Tuple.of(id))
                .map(rows -> rows.size() == 1);
    }

    /**
     * Locks the rows of the orders among {@code ids} until {@code tx} ends, in the order of their ids: every
     * transaction that locks several orders takes them in this one order, so none waits for another in a cycle.
     */
    Uni<Void> lockAll(SqlConnection tx, Collection<UUID> ids) {
        return tx.preparedQuery("SELECT 1 FROM orders WHERE id = ANY($1) ORDER BY id FOR UPDATE")
                .execute(Tuple.tuple().addArrayOfUUID(ids.toArray(UUID[]::new)))
                .replaceWithVoid();
    }

    public Uni<Optional<OrderView>> find(UUID id) {
        return find(pool, id);
    }

    /** As {@link #find(UUID)}, through {@code client}: a transaction that has just written the order, say. */
    public Uni<Optional<OrderView>> find(SqlClient client, UUID id) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM orders WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(view(rows.iterator().next())));
    }

    /** Newest first (placed at the same time: by id); every order when {@code userId} is empty. */
    public Uni<List<OrderView>> list(Optional<String> userId, int limit) {
        var query = userId.isPresent()
                ? pool.preparedQuery("SELECT " + COLUMNS
                                + " FROM orders WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2")
                        .execute(Tuple.of(userId.get(), limit))
                : pool.preparedQuery("SELECT " + COLUMNS + " FROM orders ORDER BY created_at DESC, id DESC LIMIT $1")
                        .execute(Tuple.of(limit));
        return query.map(this::views);
    }

    /**
     * The orders among {@code ids} that exist (and are {@code userId}'s, when given), least recently updated first:
     * one read for a batch of changed orders.
     */
    public Uni<List<OrderView>> findAll(Collection<UUID> ids, Optional<String> userId) {
        var idArray = ids.toArray(UUID[]::new);
        var query = userId.isPresent()
                ? pool.preparedQuery("SELECT " + COLUMNS
                                + " FROM orders WHERE id = ANY($1) AND user_id = $2 ORDER BY updated_at, id")
                        .execute(Tuple.tuple().addArrayOfUUID(idArray).addString(userId.get()))
                : pool.preparedQuery("SELECT " + COLUMNS + " FROM orders WHERE id = ANY($1) ORDER BY updated_at, id")
                        .execute(Tuple.tuple().addArrayOfUUID(idArray));
        return query.map(this::views);
    }

    private List<OrderView> views(RowSet<Row> rows) {
        var views = new ArrayList<OrderView>(rows.size());
        rows.forEach(row -> views.add(view(row)));
        return views;
    }

    private OrderView view(Row row) {
        var lines = List.of(json.convertValue(row.getJsonArray("lines").getList(), OrderLine[].class));
        return new OrderView(row.getUUID("id"), row.getString("user_id"), OrderStatus.valueOf(row.getString("status")),
                lines, new Money(row.getBigDecimal("total_amount"), row.getString("currency")),
                row.getString("cancel_reason"), row.getLong("version"),
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
    }

    public record OrderView(UUID id, String userId, OrderStatus status, List<OrderLine> lines, Money total,
                            @Schema(nullable = true, description = "Why it was cancelled; null unless CANCELLED")
                            String cancelReason,
                            long version, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }
}
