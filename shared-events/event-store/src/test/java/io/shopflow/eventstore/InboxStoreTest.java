package io.shopflow.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopflow.events.EventEnvelope;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
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
        return mark(consumer, List.of(event)).contains(event.id());
    }

    private Set<UUID> mark(String consumer, List<EventEnvelope> events) {
        return database.pool().withTransaction(tx -> inbox.markProcessed(tx, consumer, events)).await().indefinitely();
    }

    @Test
    void an_event_is_new_once_per_consumer() {
        var event = TestEvents.envelope(TestEvents.confirmed("o-1"));

        assertThat(mark("inventory", event)).isTrue();
        assertThat(mark("inventory", event)).as("redelivered").isFalse();
        assertThat(mark("shipping", event)).as("another consumer").isTrue();
    }

    @Test
    void one_statement_tells_which_of_a_batch_are_new() {
        var seen = TestEvents.envelope(TestEvents.confirmed("o-5"));
        var fresh = TestEvents.envelope(TestEvents.confirmed("o-6"));
        var alsoFresh = TestEvents.envelope(TestEvents.confirmed("o-7"));
        mark("inventory", seen);

        assertThat(mark("inventory", List.of(fresh, seen, alsoFresh))).containsExactlyInAnyOrder(fresh.id(), alsoFresh.id());
        assertThat(mark("inventory", List.of(fresh, seen, alsoFresh))).as("the whole batch redelivered").isEmpty();
        assertThat(mark("inventory", List.of())).isEmpty();
    }

    @Test
    void a_rolled_back_mark_leaves_the_event_new() {
        var event = TestEvents.envelope(TestEvents.confirmed("o-2"));
        assertThatThrownBy(() -> database.pool().withTransaction(tx -> inbox.markProcessed(tx, "inventory", List.of(event))
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
