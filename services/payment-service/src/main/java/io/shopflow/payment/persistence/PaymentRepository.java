package io.shopflow.payment.persistence;

import io.shopflow.events.EventCause;
import io.shopflow.events.order.Money;
import io.shopflow.payment.domain.Payment;
import io.shopflow.payment.domain.PaymentStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code payments} table. Every move is a conditional update from the state it expects, so that the
 * consumer, the worker and several instances of both can never move one payment twice.
 */
@ApplicationScoped
public class PaymentRepository {

    private static final String COLUMNS = "id, order_id, user_id, amount, currency, status, attempts, "
            + "provider_reference, reason, cause_event_id, correlation_id, traceparent, created_at, updated_at";
    private static final String SET_CAUSE = "cause_event_id = $3, correlation_id = $4, traceparent = $5";

    private final Pool pool;

    public PaymentRepository(Pool pool) {
        this.pool = pool;
    }

    /** A new PENDING payment; false when the order already has one (or a tombstone). */
    public Uni<Boolean> insertPending(SqlConnection tx, String orderId, String userId, Money amount, EventCause cause) {
        return tx.preparedQuery("""
                        INSERT INTO payments (id, order_id, user_id, amount, currency, status, cause_event_id,
                                              correlation_id, traceparent)
                        VALUES ($1, $2, $3, $4, $5, 'PENDING', $6, $7, $8) ON CONFLICT (id) DO NOTHING""")
                .execute(Tuple.tuple().addUUID(Payment.idOf(orderId)).addString(orderId).addString(userId)
                        .addBigDecimal(amount.amount()).addString(amount.currency()).addString(cause.eventId())
                        .addString(cause.correlationId()).addString(cause.traceparent()))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * The order was cancelled: a PENDING payment never tried is cancelled, one tried is to be voided (an attempt
     * may have charged), a COMPLETED one is to be refunded, and an order without a payment gets a CANCELLED
     * tombstone (with the order's user: its owner reads it). Returns the new status, or empty when nothing changed.
     */
    public Uni<Optional<PaymentStatus>> cancel(SqlConnection tx, String orderId, String userId, String reason,
                                               EventCause cause) {
        var id = Payment.idOf(orderId);
        return tx.preparedQuery("UPDATE payments SET status = CASE WHEN status = 'COMPLETED' THEN 'REFUND_PENDING' "
                        + "WHEN attempts = 0 THEN 'CANCELLED' ELSE 'VOID_PENDING' END, attempts = 0, next_attempt_at = now(), reason = $2, " + SET_CAUSE
                        + ", updated_at = now() WHERE id = $1 AND status IN ('PENDING', 'COMPLETED') RETURNING status")
                .execute(withCause(Tuple.of(id, reason), cause))
                .flatMap(rows -> rows.size() == 1
                        ? Uni.createFrom().item(Optional.of(PaymentStatus.valueOf(rows.iterator().next().getString("status"))))
                        : tx.preparedQuery("INSERT INTO payments (id, order_id, user_id, status, reason) VALUES ($1, "
                                        + "$2, $3, 'CANCELLED', $4) ON CONFLICT (id) DO NOTHING")
                                .execute(Tuple.of(id, orderId, userId, reason))
                                .map(inserted -> inserted.rowCount() == 1 ? Optional.of(PaymentStatus.CANCELLED)
                                        : Optional.<PaymentStatus>empty()));
    }

    /**
     * Claims up to {@code limit} payments due for a charge or a refund, counts the attempt and leases them for
     * {@code lease}, so that no other sweep takes them meanwhile; a worker that dies leaves them to the next.
     */
    public Uni<List<Payment>> claimDue(int limit, Duration lease) {
        return pool.preparedQuery("UPDATE payments SET attempts = attempts + 1, next_attempt_at = $2 WHERE id IN ("
                        + "SELECT id FROM payments WHERE status IN ('PENDING', 'VOID_PENDING', 'REFUND_PENDING') AND next_attempt_at <= now() "
                        + "ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED) RETURNING " + COLUMNS)
                .execute(Tuple.of(limit, now().plus(lease)))
                .map(PaymentRepository::payments);
    }

    /** PENDING -> COMPLETED; empty when the payment is no longer PENDING (cancelled or given up meanwhile). */
    public Uni<Optional<Payment>> complete(SqlConnection tx, UUID id, String chargeId) {
        return move(tx, "status = 'COMPLETED', provider_reference = $2", "'PENDING'", Tuple.of(id, chargeId));
    }

    /**
     * CANCELLED or VOID_PENDING -> REFUND_PENDING: a charge turned up for a payment no longer wanted (it was in
     * flight when the order was cancelled, or an attempt that timed out had gone through).
     */
    public Uni<Optional<Payment>> refundUnwantedCharge(SqlConnection tx, UUID id, String chargeId) {
        return move(tx, "status = 'REFUND_PENDING', provider_reference = $2, attempts = 0, next_attempt_at = now()",
                "'CANCELLED', 'VOID_PENDING'", Tuple.of(id, chargeId));
    }

    /** PENDING -> FAILED: declined, so certainly not charged. */
    public Uni<Optional<Payment>> decline(SqlConnection tx, UUID id, String reason) {
        return move(tx, "status = 'FAILED', reason = $2", "'PENDING'", Tuple.of(id, reason));
    }

    /** PENDING -> VOID_PENDING: given up on after attempts whose outcome is not known for sure. */
    public Uni<Optional<Payment>> giveUp(SqlConnection tx, UUID id, String reason) {
        return move(tx, "status = 'VOID_PENDING', reason = $2, attempts = 0, next_attempt_at = now()", "'PENDING'",
                Tuple.of(id, reason));
    }

    /** VOID_PENDING -> VOIDED: the provider holds no charge for it. */
    public Uni<Optional<Payment>> voided(SqlConnection tx, UUID id) {
        return move(tx, "status = 'VOIDED'", "'VOID_PENDING'", Tuple.of(id));
    }

    public Uni<Optional<Payment>> refunded(SqlConnection tx, UUID id) {
        return move(tx, "status = 'REFUNDED'", "'REFUND_PENDING'", Tuple.of(id));
    }

    /** Leaves a claimed payment for another attempt at {@code at}. */
    public Uni<Void> retryAt(SqlConnection tx, UUID id, OffsetDateTime at) {
        return tx.preparedQuery("UPDATE payments SET next_attempt_at = $2, updated_at = now() WHERE id = $1")
                .execute(Tuple.of(id, at)).replaceWithVoid();
    }

    public Uni<Optional<Payment>> find(UUID id) {
        return one(pool, "SELECT " + COLUMNS + " FROM payments WHERE id = $1", Tuple.of(id));
    }

    public Uni<Optional<Payment>> findByOrder(String orderId) {
        return one(pool, "SELECT " + COLUMNS + " FROM payments WHERE order_id = $1", Tuple.of(orderId));
    }

    /** Moves the payment from one of the {@code from} statuses (quoted, comma-separated); empty if in none. */
    private Uni<Optional<Payment>> move(SqlConnection tx, String assignments, String from, Tuple arguments) {
        return one(tx, "UPDATE payments SET " + assignments + ", updated_at = now() WHERE id = $1 AND status IN ("
                + from + ") RETURNING " + COLUMNS, arguments);
    }

    private static Uni<Optional<Payment>> one(SqlClient client, String query, Tuple arguments) {
        return client.preparedQuery(query).execute(arguments).map(rows -> payments(rows).stream().findFirst());
    }

    private static Tuple withCause(Tuple tuple, EventCause cause) {
        return tuple.addString(cause.eventId()).addString(cause.correlationId()).addString(cause.traceparent());
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    private static List<Payment> payments(RowSet<Row> rows) {
        var payments = new ArrayList<Payment>(rows.size());
        rows.forEach(row -> payments.add(payment(row)));
        return payments;
    }

    private static Payment payment(Row row) {
        var amount = row.getBigDecimal("amount") == null ? null
                : new Money(row.getBigDecimal("amount"), row.getString("currency"));
        var cause = row.getString("cause_event_id") == null ? null : new EventCause(row.getString("cause_event_id"),
                row.getString("correlation_id"), row.getString("traceparent"));
        return new Payment(row.getUUID("id"), row.getString("order_id"), row.getString("user_id"), amount,
                PaymentStatus.valueOf(row.getString("status")), row.getInteger("attempts"),
                row.getString("provider_reference"), row.getString("reason"), cause,
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
    }
}
