package io.shopflow.notification.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Who is told, and where: the {@code contacts} kept from user-service's events and the {@code order_owners} kept
 * from order-service's (no service reads another's tables).
 */
@ApplicationScoped
public class RecipientRepository {

    /** Keeps the contact as of the given user version, unless a newer version is already kept. */
    public Uni<Void> saveContact(SqlConnection tx, String userId, String name, String email, long version) {
        return tx.preparedQuery("INSERT INTO contacts (user_id, name, email, version) VALUES ($1, $2, $3, $4) "
                        + "ON CONFLICT (user_id) DO UPDATE SET name = excluded.name, email = excluded.email, "
                        + "version = excluded.version, updated_at = now() WHERE contacts.version < excluded.version")
                .execute(Tuple.of(userId, name, email, version)).replaceWithVoid();
    }

    public Uni<Void> rememberOwner(SqlConnection tx, String orderId, String userId) {
        return tx.preparedQuery("INSERT INTO order_owners (order_id, user_id) VALUES ($1, $2) "
                        + "ON CONFLICT (order_id) DO NOTHING")
                .execute(Tuple.of(orderId, userId)).replaceWithVoid();
    }

    public Uni<Optional<String>> ownerOf(SqlConnection tx, String orderId) {
        return tx.preparedQuery("SELECT user_id FROM order_owners WHERE order_id = $1").execute(Tuple.of(orderId))
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(rows.iterator().next().getString("user_id")));
    }
}
