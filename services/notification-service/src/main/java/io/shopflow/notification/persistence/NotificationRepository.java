package io.shopflow.notification.persistence;

import io.shopflow.notification.domain.Messages;
import io.shopflow.notification.domain.Notification;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The {@code notifications} table. Times are the database's ({@code now()}), so that leases and ages do not
 * depend on the clocks of the service instances.
 */
@ApplicationScoped
public class NotificationRepository {

    private static final String COLUMNS =
            "n.id, n.user_id, n.order_id, n.kind, n.subject, n.body, n.status, n.attempts, n.reason, n.created_at, n.sent_at";

    /** A notification claimed for sending, with where to send it. */
    public record Addressed(Notification notification, String email, String name) {
    }

    private final Pool pool;

    public NotificationRepository(Pool pool) {
        this.pool = pool;
    }

    /** Records the notification caused by the event {@code eventId}; a second time is a no-op. */
    public Uni<Void> record(SqlConnection tx, UUID eventId, String userId, String orderId, Messages.Message message) {
        return tx.preparedQuery("INSERT INTO notifications (id, user_id, order_id, kind, subject, body) "
                        + "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING")
                .execute(Tuple.from(List.of(eventId, userId, orderId, message.kind(), message.subject(),
                        message.body())))
                .replaceWithVoid();
    }

    /**
     * Claims up to {@code limit} pending notifications whose user's address is known (and not erased), counts the attempt and
     * leases them for {@code lease}: until then no other sweep sends them, and after it a send that failed, or a
     * sender that died, is tried again.
     */
    public Uni<List<Addressed>> claimSendable(int limit, Duration lease) {
        return pool.preparedQuery("""
                        UPDATE notifications n
                        SET attempts = n.attempts + 1, next_attempt_at = now() + $2 * interval '1 millisecond'
                        FROM contacts c
                        WHERE c.user_id = n.user_id AND n.id IN (
                            SELECT p.id FROM notifications p JOIN contacts pc ON pc.user_id = p.user_id
                            WHERE p.status = 'PENDING' AND p.next_attempt_at <= now() AND pc.erased_at IS NULL
                            ORDER BY p.position LIMIT $1 FOR UPDATE OF p SKIP LOCKED)
                        RETURNING\s""" + COLUMNS + ", c.email, c.name")
                .execute(Tuple.of(limit, lease.toMillis()))
                .map(rows -> {
                    var claimed = new ArrayList<Addressed>(rows.size());
                    rows.forEach(row -> claimed.add(new Addressed(notification(row), row.getString("email"),
                            row.getString("name"))));
                    return claimed;
                });
    }

    /** Marks the notifications sent, one statement for a sweep's batch. */
    public Uni<Void> markSent(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("UPDATE notifications SET status = 'SENT', sent_at = now() WHERE id = ANY($1) "
                + "AND status = 'PENDING'").execute(Tuple.of(ids.toArray(UUID[]::new))).replaceWithVoid();
    }

    /**
     * Gives up on notifications that failed too often, waited too long for an address, or are for a user who was
     * erased (at once: there is nobody to tell any longer).
     */
    public Uni<Void> giveUp(int maxAttempts, Duration maxWaitForContact) {
        return pool.preparedQuery("""
                        UPDATE notifications n SET status = 'FAILED', reason = CASE
                            WHEN EXISTS (SELECT 1 FROM contacts c WHERE c.user_id = n.user_id AND c.erased_at IS NOT NULL)
                                THEN 'the user was erased'
                            WHEN n.attempts >= $1 THEN 'could not be sent' ELSE 'no address for the user' END
                        WHERE n.status = 'PENDING' AND (n.attempts >= $1
                            OR EXISTS (SELECT 1 FROM contacts c WHERE c.user_id = n.user_id AND c.erased_at IS NOT NULL)
                            OR (n.created_at < now() - $2 * interval '1 millisecond'
                                AND NOT EXISTS (SELECT 1 FROM contacts c WHERE c.user_id = n.user_id)))""")
                .execute(Tuple.of(maxAttempts, maxWaitForContact.toMillis())).replaceWithVoid();
    }

    /**
     * A user's notifications, newest first: by the order they were recorded in, since the notifications of one
     * consumer batch share their transaction's {@code created_at}.
     */
    public Uni<List<Notification>> ofUser(String userId, int limit) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM notifications n WHERE n.user_id = $1 "
                        + "ORDER BY n.position DESC LIMIT $2")
                .execute(Tuple.of(userId, limit))
                .map(NotificationRepository::notifications);
    }

    private static List<Notification> notifications(RowSet<Row> rows) {
        var found = new ArrayList<Notification>(rows.size());
        rows.forEach(row -> found.add(notification(row)));
        return found;
    }

    private static Notification notification(Row row) {
        return new Notification(row.getUUID("id"), row.getString("user_id"), row.getString("order_id"),
                row.getString("kind"), row.getString("subject"), row.getString("body"), row.getString("status"),
                row.getInteger("attempts"), row.getString("reason"), row.getOffsetDateTime("created_at"),
                row.getOffsetDateTime("sent_at"));
    }
}
