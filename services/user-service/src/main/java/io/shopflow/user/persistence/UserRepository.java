package io.shopflow.user.persistence;

import io.shopflow.user.domain.EmailAlreadyUsedException;
import io.shopflow.user.domain.User;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The users table through the reactive PostgreSQL client. Writes run on the caller's connection, so the
 * caller can put them in one transaction with the outbox; each write is a single statement, so concurrent
 * writers never lose each other's updates.
 */
@ApplicationScoped
public class UserRepository {

    private static final String COLUMNS = "id, name, email, address, credit, version, created_at, updated_at";
    /** SQLSTATE unique_violation; the only unique key besides the generated id is the email. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final Pool pool;

    public UserRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<User> insert(SqlClient tx, UUID id, String name, String email, String address, BigDecimal credit) {
        return tx.preparedQuery("INSERT INTO users (id, name, email, address, credit) VALUES ($1, $2, $3, $4, $5)"
                        + " RETURNING " + COLUMNS)
                .execute(Tuple.of(id, name, email, address, credit))
                .onFailure(UserRepository::isUniqueViolation).transform(e -> new EmailAlreadyUsedException(email))
                .map(UserRepository::single);
    }

    /** The user, or null when there is none with this id. */
    public Uni<User> findById(UUID id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM users WHERE id = $1")
                .execute(Tuple.of(id))
                .map(UserRepository::single);
    }

    public Uni<List<User>> findByIds(List<UUID> ids) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM users WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(UUID[]::new)))
                .map(UserRepository::all);
    }

    /** Sets the given fields (null keeps the stored value); null when there is no such user. */
    public Uni<User> update(SqlClient tx, UUID id, String name, String email, String address) {
        return tx.preparedQuery("UPDATE users SET name = COALESCE($2, name), email = COALESCE($3, email),"
                        + " address = COALESCE($4, address), version = version + 1, updated_at = now()"
                        + " WHERE id = $1 RETURNING " + COLUMNS)
                .execute(Tuple.of(id, name, email, address))
                .onFailure(UserRepository::isUniqueViolation).transform(e -> new EmailAlreadyUsedException(email))
                .map(UserRepository::single);
    }

    /**
     * Adds the amount to the credit in one statement, only if the result stays non-negative. Null when no row
     * changed: the user is missing or lacks the credit.
     */
    public Uni<User> addCredit(SqlClient tx, UUID id, BigDecimal amount) {
        return tx.preparedQuery("UPDATE users SET credit = credit + $2, version = version + 1, updated_at = now()"
                        + " WHERE id = $1 AND credit + $2 >= 0 RETURNING " + COLUMNS)
                .execute(Tuple.of(id, amount))
                .map(UserRepository::single);
    }

    /** Deletes the user's row; the user as it was, or null when there is no such user. */
    public Uni<User> delete(SqlClient tx, UUID id) {
        return tx.preparedQuery("DELETE FROM users WHERE id = $1 RETURNING " + COLUMNS)
                .execute(Tuple.of(id))
                .map(UserRepository::single);
    }

    private static boolean isUniqueViolation(Throwable failure) {
        return failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState());
    }

    private static User single(RowSet<Row> rows) {
        var iterator = rows.iterator();
        return iterator.hasNext() ? toUser(iterator.next()) : null;
    }

    private static List<User> all(RowSet<Row> rows) {
        var users = new ArrayList<User>(rows.size());
        rows.forEach(row -> users.add(toUser(row)));
        return users;
    }

    private static User toUser(Row row) {
        return new User(
                row.getUUID("id"),
                row.getString("name"),
                row.getString("email"),
                row.getString("address"),
                row.getBigDecimal("credit"),
                row.getLong("version"),
                row.get(OffsetDateTime.class, "created_at"),
                row.get(OffsetDateTime.class, "updated_at"));
    }
}
