package io.shopflow.order.persistence;

import io.shopflow.events.EventCause;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code saga_deadlines} table: a durable timer per open order, in PostgreSQL rather than in memory. When a
 * deadline falls due is read from the injected {@link Clock} (the system's; a test's hand clock moves it on).
 */
@ApplicationScoped
public class SagaDeadlines {

    private final Clock clock;

    public SagaDeadlines(Clock clock) {
        this.clock = clock;
    }

    /** An open order past its deadline, with the cause its cancellation will name. */
    public record Overdue(UUID orderId, EventCause cause) {
    }

    /** The order's saga must end within {@code after} from now. */
    public Uni<Void> schedule(SqlConnection tx, UUID orderId, Duration after, EventCause cause) {
        var dueAt = OffsetDateTime.now(clock).plus(after);
        return tx.preparedQuery("""
                        INSERT INTO saga_deadlines (order_id, due_at, cause_event_id, correlation_id, traceparent)
                        VALUES ($1, $2, $3, $4, $5)""")
                .execute(Tuple.tuple().addUUID(orderId).addOffsetDateTime(dueAt).addString(cause.eventId())
                        .addString(cause.correlationId()).addString(cause.traceparent()))
                .replaceWithVoid();
    }

    /**
     * Ends the order's saga: its deadline goes, and how long the saga ran comes back (on the database's clock, as
     * its start), or nothing when it had ended already.
     */
    public Uni<Optional<Duration>> end(SqlConnection tx, UUID orderId) {
        return tx.preparedQuery("""
                        DELETE FROM saga_deadlines WHERE order_id = $1
                        RETURNING (EXTRACT(EPOCH FROM clock_timestamp() - started_at) * 1000)::bigint AS ran_ms""")
                .execute(Tuple.of(orderId))
                .map(rows -> rows.rowCount() == 0 ? Optional.<Duration>empty()
                        : Optional.of(Duration.ofMillis(rows.iterator().next().getLong("ran_ms"))));
    }

    /**
     * Claims up to {@code limit} overdue deadlines for the rest of {@code tx}; rows another instance is working
     * on are skipped, so several instances share the work without cancelling an order twice.
     */
    public Uni<List<Overdue>> claimOverdue(SqlConnection tx, int limit) {
        return tx.preparedQuery("""
                        SELECT order_id, cause_event_id, correlation_id, traceparent FROM saga_deadlines
                        WHERE due_at <= $1 ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED""")
                .execute(Tuple.of(OffsetDateTime.now(clock), limit))
                .map(rows -> {
                    var overdue = new ArrayList<Overdue>(rows.size());
                    rows.forEach(row -> overdue.add(new Overdue(row.getUUID("order_id"), new EventCause(
                            row.getString("cause_event_id"), row.getString("correlation_id"),
                            row.getString("traceparent")))));
                    return overdue;
                });
    }
}
