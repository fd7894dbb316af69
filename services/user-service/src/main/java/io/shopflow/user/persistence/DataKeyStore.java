package io.shopflow.user.persistence;

import io.shopflow.personaldata.DataKey;
import io.shopflow.personaldata.KeyEncryptionKey;
import io.shopflow.personaldata.KeyEncryptionKeys;
import io.shopflow.personaldata.KeyId;
import io.shopflow.personaldata.KeyLookup;
import io.shopflow.personaldata.TamperedPersonalDataException;
import io.shopflow.user.config.UserServiceConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Users' data keys in the {@code data_keys} table, wrapped by the key-encryption key from configuration. Writes run
 * on the caller's transaction, so a user's change, the key that sealed its event and the event itself commit
 * together. A key version, once written, is never changed: rotation adds a version and re-encrypts nothing.
 */
@ApplicationScoped
public class DataKeyStore {

    private final Pool pool;
    private final KeyEncryptionKeys keyEncryptionKeys;
    private final Duration rotateAfter;

    public DataKeyStore(Pool pool, UserServiceConfig config) {
        this.pool = pool;
        this.keyEncryptionKeys = keyEncryptionKeys(config.dataKeys());
        this.rotateAfter = config.dataKeys().rotateAfter();
    }

    /** The current key-encryption key, and the retired one while it is being replaced. */
    private static KeyEncryptionKeys keyEncryptionKeys(UserServiceConfig.DataKeys settings) {
        var current = new KeyEncryptionKey(settings.keyEncryptionKeyId(),
                Base64.getDecoder().decode(settings.keyEncryptionKey()));
        var retiredKey = settings.retiredKeyEncryptionKey();
        var retiredId = settings.retiredKeyEncryptionKeyId();
        if (retiredKey.isPresent() != retiredId.isPresent()) {
            throw new IllegalArgumentException("user-service.data-keys.retired-key-encryption-key and its -id are "
                    + "set together or not at all");
        }
        var retired = retiredKey.map(key -> new KeyEncryptionKey(retiredId.get(), Base64.getDecoder().decode(key)));
        return new KeyEncryptionKeys(current, retired.stream().toList());
    }

    /** The id of the key-encryption key that wraps new data keys. */
    public String keyEncryptionKeyId() {
        return keyEncryptionKeys.currentId();
    }

    /**
     * The key that seals the user's data now: their newest version, or a new one when they have none yet (registered
     * before personal data was sealed) or the newest is older than the rotation period. Two transactions adding the
     * same version at once both end up with the one that was written first.
     */
    public Uni<DataKey> current(SqlClient tx, UUID subject) {
        return newest(tx, subject).flatMap(newest -> {
            if (newest != null && !newest.isOlderThan(rotateAfter)) {
                return Uni.createFrom().item(newest.key(keyEncryptionKeys));
            }
            var next = DataKey.generate(new KeyId(subject, newest == null ? 1 : newest.version() + 1));
            return tx.preparedQuery("INSERT INTO data_keys (subject, version, wrapped) VALUES ($1, $2, $3)"
                            + " ON CONFLICT (subject, version) DO NOTHING")
                    .execute(Tuple.of(subject, next.id().version(), keyEncryptionKeys.wrap(next)))
                    .flatMap(inserted -> inserted.rowCount() == 1 ? Uni.createFrom().item(next)
                            : newest(tx, subject).map(written -> written.key(keyEncryptionKeys)));
        });
    }

    /** What the store knows of each key: the key, that it was destroyed, or that it never existed. */
    public Uni<Map<KeyId, KeyLookup>> find(Collection<KeyId> ids) {
        var subjects = ids.stream().map(KeyId::subject).distinct().toArray(UUID[]::new);
        return pool.preparedQuery("SELECT subject, version, wrapped, created_at FROM data_keys WHERE subject = ANY($1)")
                .execute(Tuple.of(subjects))
                .map(rows -> {
                    var stored = new HashMap<KeyId, StoredKey>();
                    rows.forEach(row -> {
                        var key = StoredKey.of(row.getUUID("subject"), row);
                        stored.put(new KeyId(key.subject(), key.version()), key);
                    });
                    var answers = new LinkedHashMap<KeyId, KeyLookup>();
                    ids.forEach(id -> answers.put(id, lookup(stored.get(id))));
                    return answers;
                });
    }

    private KeyLookup lookup(StoredKey stored) {
        if (stored == null) {
            return new KeyLookup.Unknown();
        }
        return stored.wrapped() == null ? new KeyLookup.Destroyed()
                : new KeyLookup.Found(stored.key(keyEncryptionKeys));
    }

    /**
     * Erasure: deletes every key of the user, keeping only the fact that they existed (a row without its key, added
     * for a user who never had one). Whatever they sealed, wherever it is stored or published, cannot be opened from
     * here on.
     */
    public Uni<Void> destroy(SqlClient tx, UUID subject) {
        return tx.preparedQuery("UPDATE data_keys SET wrapped = NULL, destroyed_at = now()"
                        + " WHERE subject = $1 AND wrapped IS NOT NULL")
                .execute(Tuple.of(subject))
                .flatMap(ignored -> tx.preparedQuery("INSERT INTO data_keys (subject, version, wrapped, destroyed_at)"
                                + " VALUES ($1, 1, NULL, now()) ON CONFLICT (subject, version) DO NOTHING")
                        .execute(Tuple.of(subject)))
                .replaceWithVoid();
    }

    /** Whether the user's keys were destroyed: they were erased. */
    public Uni<Boolean> erased(UUID subject) {
        return pool.preparedQuery("SELECT EXISTS (SELECT 1 FROM data_keys WHERE subject = $1 AND wrapped IS NULL)")
                .execute(Tuple.of(subject))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    /**
     * Replacing the key-encryption key, one batch: the next {@code limit} data keys not destroyed after
     * {@code after} (by subject and version; from the first when empty), each one that a retired key-encryption key
     * wrapped rewrapped under the current one, in one transaction. The data key stays the same, so nothing it sealed
     * is re-encrypted. A row is changed only if it still holds what was read (compare-and-set): one destroyed or
     * rewrapped by another instance meanwhile is left as it is.
     */
    public Uni<RewrapBatch> rewrap(Optional<KeyId> after, int limit) {
        return pool.withTransaction(tx -> liveKeysAfter(tx, after, limit).flatMap(read -> {
            var changes = new ArrayList<Tuple>();
            var unreadable = new ArrayList<KeyId>();
            read.stream().filter(key -> !keyEncryptionKeys.isCurrent(key.wrapped())).forEach(key -> {
                try {
                    String rewrapped = keyEncryptionKeys.rewrap(key.id(), key.wrapped());
                    changes.add(Tuple.of(key.subject(), key.version(), rewrapped, key.wrapped()));
                } catch (TamperedPersonalDataException e) {
                    unreadable.add(key.id());
                }
            });
            var last = read.isEmpty() ? Optional.<KeyId>empty() : Optional.of(read.get(read.size() - 1).id());
            Uni<Integer> rewrapped = changes.isEmpty() ? Uni.createFrom().item(0)
                    : tx.preparedQuery("UPDATE data_keys SET wrapped = $3"
                                    + " WHERE subject = $1 AND version = $2 AND wrapped = $4")
                            .executeBatch(changes).map(DataKeyStore::rowsChanged);
            return rewrapped.map(count -> new RewrapBatch(read.size(), count, unreadable, last));
        }));
    }

    /** The next {@code limit} keys not destroyed after {@code after}, by subject and version. */
    private static Uni<List<StoredKey>> liveKeysAfter(SqlClient tx, Optional<KeyId> after, int limit) {
        return tx.preparedQuery("SELECT subject, version, wrapped, created_at FROM data_keys"
                        + " WHERE wrapped IS NOT NULL AND ($1::uuid IS NULL OR (subject, version) > ($1, $2))"
                        + " ORDER BY subject, version LIMIT $3")
                .execute(Tuple.of(after.map(KeyId::subject).orElse(null), after.map(KeyId::version).orElse(0), limit))
                .map(rows -> {
                    var keys = new ArrayList<StoredKey>();
                    rows.forEach(row -> keys.add(StoredKey.of(row.getUUID("subject"), row)));
                    return keys;
                });
    }

    /**
     * @param read       data keys read in the batch
     * @param rewrapped  those rewrapped under the current key-encryption key
     * @param unreadable those wrapped by a key-encryption key neither current nor retired (or altered): left as they
     *                   are, and reported
     * @param last       the last key read, where the next batch starts; empty when there are no more
     */
    public record RewrapBatch(int read, int rewrapped, List<KeyId> unreadable, Optional<KeyId> last) {
    }

    /** A batch execution's row counts, one result per statement. */
    private static int rowsChanged(RowSet<Row> updated) {
        int changed = 0;
        for (var result = updated; result != null; result = result.next()) {
            changed += result.rowCount();
        }
        return changed;
    }

    private Uni<StoredKey> newest(SqlClient tx, UUID subject) {
        return tx.preparedQuery("SELECT version, wrapped, created_at FROM data_keys WHERE subject = $1"
                        + " ORDER BY version DESC LIMIT 1")
                .execute(Tuple.of(subject))
                .map(rows -> StoredKey.single(subject, rows));
    }

    private record StoredKey(UUID subject, int version, String wrapped, OffsetDateTime createdAt) {

        static StoredKey single(UUID subject, RowSet<Row> rows) {
            var iterator = rows.iterator();
            if (!iterator.hasNext()) {
                return null;
            }
            return of(subject, iterator.next());
        }

        static StoredKey of(UUID subject, Row row) {
            return new StoredKey(subject, row.getInteger("version"), row.getString("wrapped"),
                    row.getOffsetDateTime("created_at"));
        }

        KeyId id() {
            return new KeyId(subject, version);
        }

        boolean isOlderThan(Duration age) {
            return createdAt.plus(age).isBefore(OffsetDateTime.now());
        }

        DataKey key(KeyEncryptionKeys keyEncryptionKeys) {
            if (wrapped == null) {
                throw new IllegalStateException("The data keys of " + subject + " were destroyed: the user is erased");
            }
            return keyEncryptionKeys.unwrap(id(), wrapped);
        }
    }
}
