package io.shopflow.eventstore;

import static io.shopflow.eventstore.TestEvents.envelopes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopflow.events.user.UserRegistered;
import io.shopflow.events.user.UserUpdated;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.math.BigDecimal;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The outbox on its own, as a service that is not event-sourced (user-service) uses it. */
class OutboxTest {

    /** Long enough for a notification sent on commit to cross a loopback connection. */
    private static final long NOTIFICATION_WAIT_SECONDS = 5;

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
    void aRelayListeningIsWokenOncePerCommittedTransactionAndNeverByARollback() throws Exception {
        BlockingQueue<String> notifications = new LinkedBlockingQueue<>();
        PgConnection relay = PgConnection.connectAndAwait(database.vertx(), database.connectOptions());
        try {
            relay.notificationHandler(notification -> notifications.add(notification.getChannel()));
            relay.query("LISTEN " + Outbox.NOTIFY_CHANNEL).executeAndAwait();
            var pool = database.pool();
            String rolledBack = UUID.randomUUID().toString();
            String committed = UUID.randomUUID().toString();

            assertThatThrownBy(() -> pool.withTransaction(tx -> outbox.enqueue(tx, envelopes(registered(rolledBack)))
                            .chain(() -> Uni.createFrom().failure(new IllegalStateException("rolled back"))))
                    .await().indefinitely()).hasMessage("rolled back");
            // Two statements of three events in one transaction: still one wake-up.
            pool.withTransaction(tx -> outbox.enqueue(tx, envelopes(registered(committed), registered(committed)))
                    .chain(() -> outbox.enqueue(tx, envelopes(registered(committed))))).await().indefinitely();

            // Notifications arrive in commit order, so a rollback's would have come first.
            assertThat(notifications.poll(NOTIFICATION_WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(Outbox.NOTIFY_CHANNEL);
            assertThat(notifications.poll(1, TimeUnit.SECONDS)).isNull();
        } finally {
            relay.closeAndAwait();
        }
    }

    private static UserRegistered registered(String userId) {
        return new UserRegistered(userId, TestEvents.sealed("Grace"), TestEvents.sealed("grace@example.com"),
                TestEvents.sealed("Arlington"));
    }
}
