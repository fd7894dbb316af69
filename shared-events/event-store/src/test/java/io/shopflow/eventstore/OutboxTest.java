package io.shopflow.eventstore;

import static io.shopflow.eventstore.TestEvents.envelopes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.shopflow.events.user.UserRegistered;
import io.shopflow.events.user.UserUpdated;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The outbox on its own, as a service that is not event-sourced (user-service) uses it. */
class OutboxTest {

    private static final Duration TOLD_WITHIN = Duration.ofSeconds(5);

    private static TestDatabase database;
    private final Outbox outbox = new Outbox();

    @BeforeAll
    static void createDatabase() {
        database = TestDatabase.migrated("outbox");
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void enqueuedEventsCommitWithTheServicesOwnStateChange() {
        String userId = UUID.randomUUID().toString();
        var pool = database.pool();
        pool.query("CREATE TABLE IF NOT EXISTS users (id text PRIMARY KEY, name text)").executeAndAwait();
        var events = envelopes(new UserRegistered(userId, TestEvents.sealed("Ada"),
                        TestEvents.sealed("ada@example.com"), TestEvents.sealed("London")),
                new UserUpdated(userId, TestEvents.sealed("Ada"), TestEvents.sealed("ada@example.com"),
                        TestEvents.sealed("Paris"), new BigDecimal("10.00"), 2));

        pool.withTransaction(tx -> tx.preparedQuery("INSERT INTO users VALUES ($1, 'Ada')").execute(Tuple.of(userId))
                .chain(() -> outbox.enqueue(tx, events))).await().indefinitely();

        var rows = pool.preparedQuery("SELECT id, aggregatetype, type FROM outbox WHERE aggregateid = $1 ORDER BY position")
                .execute(Tuple.of(userId)).await().indefinitely();
        assertThat(rows).extracting(row -> row.getUUID("id")).containsExactly(events.get(0).id(), events.get(1).id());
        assertThat(rows).extracting(row -> row.getString("aggregatetype")).containsOnly("user");
        assertThat(rows).extracting(row -> row.getString("type")).containsExactly("UserRegistered.v2", "UserUpdated.v2");
    }

    @Test
    void theRelayIsToldOncePerCommittedTransactionAndNeverOfARollback() {
        var commits = new AtomicInteger();
        var telling = new Outbox(commits::incrementAndGet);
        var pool = database.pool();
        String rolledBack = UUID.randomUUID().toString();
        String committed = UUID.randomUUID().toString();

        assertThatThrownBy(() -> pool.withTransaction(tx -> telling.enqueue(tx, envelopes(registered(rolledBack)))
                        .chain(() -> Uni.createFrom().failure(new IllegalStateException("rolled back"))))
                .await().indefinitely()).hasMessage("rolled back");
        assertThat(commits).as("a rollback tells nothing").hasValue(0);

        // Two statements of three events in one transaction: told once, and only once it has committed.
        var toldBeforeTheCommit = pool.withTransaction(tx -> telling.enqueue(tx, envelopes(registered(committed),
                        registered(committed))).chain(() -> telling.enqueue(tx, envelopes(registered(committed))))
                .map(written -> commits.get())).await().indefinitely();

        assertThat(toldBeforeTheCommit).isZero();
        // Told by the commit's own completion, on the connection's event loop: maybe a moment after the caller hears.
        await().atMost(TOLD_WITHIN).until(() -> commits.get() > 0);
        assertThat(commits).hasValue(1);
    }

    @Test
    void aWriteThatCommitsOnItsOwnIsToldAtOnce() {
        var commits = new AtomicInteger();
        var telling = new Outbox(commits::incrementAndGet);

        database.pool().withConnection(connection -> telling.enqueue(connection,
                envelopes(registered(UUID.randomUUID().toString())))).await().indefinitely();

        await().atMost(TOLD_WITHIN).until(() -> commits.get() > 0);
        assertThat(commits).hasValue(1);
    }

    private static UserRegistered registered(String userId) {
        return new UserRegistered(userId, TestEvents.sealed("Grace"), TestEvents.sealed("grace@example.com"),
                TestEvents.sealed("Arlington"));
    }
}
