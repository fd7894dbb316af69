package io.shopflow.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopflow.events.EventEnvelope;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InboxStoreTest {

    private static TestDatabase database;
    private final InboxStore inbox = new InboxStore();

    @BeforeAll
    static void start() {
        database = TestDatabase.migrated("inbox");
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    private boolean mark(String consumer, EventEnvelope event) {
        return database.pool().withTransaction(tx -> inbox.markProcessed(tx, consumer, event)).await().indefinitely();
    }

    @Test
    void an_event_is_new_once_per_consumer() {
        var event = TestEvents.envelope(TestEvents.confirmed("o-1"));

        assertThat(mark("inventory", event)).isTrue();
        assertThat(mark("inventory", event)).as("redelivered").isFalse();
        assertThat(mark("shipping", event)).as("another consumer").isTrue();
    }

    @Test
    void a_rolled_back_mark_leaves_the_event_new() {
        var event = TestEvents.envelope(TestEvents.confirmed("o-2"));
        assertThatThrownBy(() -> database.pool().withTransaction(tx -> inbox.markProcessed(tx, "inventory", event)
                .invoke(first -> {
                    throw new IllegalStateException("the consumer's own change failed");
                })).await().indefinitely()).hasMessageContaining("own change failed");

        assertThat(mark("inventory", event)).as("the mark rolled back with the change").isTrue();
    }

    @Test
    void housekeeping_deletes_only_rows_older_than_the_cutoff() {
        var old = TestEvents.envelope(TestEvents.confirmed("o-3"));
        var recent = TestEvents.envelope(TestEvents.confirmed("o-4"));
        mark("billing", old);
        database.pool().preparedQuery("UPDATE inbox SET processed_at = now() - interval '30 days' WHERE event_id = $1")
                .execute(Tuple.of(old.id())).await().indefinitely();
        mark("billing", recent);

        int purged = inbox.purgeProcessedBefore(database.pool(), Instant.now().minus(7, ChronoUnit.DAYS))
                .await().indefinitely();

        assertThat(purged).isEqualTo(1);
        assertThat(mark("billing", old)).as("forgotten, so new again").isTrue();
        assertThat(mark("billing", recent)).isFalse();
    }
}
