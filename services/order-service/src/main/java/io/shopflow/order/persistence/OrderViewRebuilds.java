package io.shopflow.order.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The {@code order_view_rebuilds} table: each rebuild of the orders read model and how far it got. A rebuild's
 * progress is written in the transaction of the page it counts, and one whose heartbeat is older than
 * {@code staleAfter} is read as INTERRUPTED: its replica died or stopped while it ran.
 */
@ApplicationScoped
public class OrderViewRebuilds {

    public enum State {
        RUNNING, FINISHED, FAILED, INTERRUPTED
    }

    /** One rebuild as far as it got. */
    public record Progress(UUID id, State state, long ordersTotal, long ordersDone, long rowsRewritten,
                           @Schema(nullable = true, description = "Rows of orders without events, deleted at the end")
                           Long rowsRemoved,
                           @Schema(nullable = true) String error,
                           Instant startedAt, Instant heartbeatAt,
                           @Schema(nullable = true) Instant finishedAt) {
    }

    /** Takes turns between replicas starting a rebuild at the same moment. */
    private static final String START_LOCK = "SELECT pg_advisory_xact_lock(hashtext('shopflow.order.view-rebuild'))";

    /** The state as read: a RUNNING rebuild whose heartbeat stopped ($1 seconds ago or more) is INTERRUPTED. */
    private static final String SELECT = """
            SELECT id, CASE WHEN state = 'RUNNING' AND heartbeat_at < now() - make_interval(secs => $1)
                            THEN 'INTERRUPTED' ELSE state END AS state,
                   orders_total, orders_done, rows_rewritten, rows_removed, error, started_at, heartbeat_at,
                   finished_at
            FROM order_view_rebuilds""";

    private final Pool pool;

    public OrderViewRebuilds(Pool pool) {
        this.pool = pool;
    }

    /** The latest rebuild, if there was one. */
    public Uni<Optional<Progress>> latest(Duration staleAfter) {
        return latest(pool, staleAfter);
    }

    private Uni<Optional<Progress>> latest(SqlClient client, Duration staleAfter) {
        return client.preparedQuery(SELECT + " ORDER BY started_at DESC LIMIT 1").execute(Tuple.of(seconds(staleAfter)))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(progress(rows.iterator().next())));
    }

    /**
     * Records a new RUNNING rebuild of {@code ordersTotal} orders on {@code tx}, unless one is running: then empty,
     * with that one left as it is. A rebuild whose heartbeat stopped is marked INTERRUPTED on the way.
     */
    public Uni<Optional<Progress>> start(SqlConnection tx, long ordersTotal, Duration staleAfter) {
        return tx.query(START_LOCK).execute()
                .call(() -> tx.preparedQuery("""
                                UPDATE order_view_rebuilds SET state = 'INTERRUPTED', finished_at = now()
                                WHERE state = 'RUNNING' AND heartbeat_at < now() - make_interval(secs => $1)""")
                        .execute(Tuple.of(seconds(staleAfter))))
                .flatMap(ignored -> tx.query("SELECT 1 FROM order_view_rebuilds WHERE state = 'RUNNING'").execute())
                .flatMap(running -> running.size() > 0
                        ? Uni.createFrom().item(Optional.<Progress>empty())
                        : tx.preparedQuery("INSERT INTO order_view_rebuilds (id, state, orders_total) VALUES ($1, 'RUNNING', $2)")
                                .execute(Tuple.of(UUID.randomUUID(), ordersTotal))
                                .flatMap(inserted -> latest(tx, staleAfter)));
    }

    /**
     * Counts a page of orders done on {@code tx}, the page's own transaction, and beats the heartbeat.
     *
     * @return false when the rebuild is no longer RUNNING (taken as interrupted meanwhile): it must stop
     */
    public Uni<Boolean> pageDone(SqlConnection tx, UUID rebuild, int orders, int rowsRewritten, String lastOrderId) {
        return tx.preparedQuery("""
                        UPDATE order_view_rebuilds SET orders_done = orders_done + $2,
                            rows_rewritten = rows_rewritten + $3, last_order_id = $4, heartbeat_at = now()
                        WHERE id = $1 AND state = 'RUNNING'""")
                .execute(Tuple.of(rebuild, orders, rowsRewritten, lastOrderId))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Marks the rebuild FINISHED on {@code tx}, with the rows it removed at the end. */
    public Uni<Boolean> finished(SqlConnection tx, UUID rebuild, int rowsRemoved) {
        return tx.preparedQuery("""
                        UPDATE order_view_rebuilds SET state = 'FINISHED', rows_removed = $2, heartbeat_at = now(),
                            finished_at = now()
                        WHERE id = $1 AND state = 'RUNNING'""")
                .execute(Tuple.of(rebuild, rowsRemoved))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Void> failed(UUID rebuild, String error) {
        return pool.preparedQuery("""
                        UPDATE order_view_rebuilds SET state = 'FAILED', error = $2, finished_at = now()
                        WHERE id = $1 AND state = 'RUNNING'""")
                .execute(Tuple.of(rebuild, error)).replaceWithVoid();
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static Progress progress(Row row) {
        return new Progress(row.getUUID("id"), State.valueOf(row.getString("state")), row.getLong("orders_total"),
                row.getLong("orders_done"), row.getLong("rows_rewritten"), row.getLong("rows_removed"),
                row.getString("error"), instant(row.getOffsetDateTime("started_at")),
                instant(row.getOffsetDateTime("heartbeat_at")), instant(row.getOffsetDateTime("finished_at")));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
