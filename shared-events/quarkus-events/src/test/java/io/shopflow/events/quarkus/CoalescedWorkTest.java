package io.shopflow.events.quarkus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CoalescedWorkTest {

    /** Runs that end when the test says, each told whether more is waiting. */
    private final List<CompletableFuture<Boolean>> runs = new ArrayList<>();

    private synchronized Uni<Boolean> nextRun() {
        var run = new CompletableFuture<Boolean>();
        runs.add(run);
        return Uni.createFrom().completionStage(run);
    }

    private synchronized int started() {
        return runs.size();
    }

    private synchronized void finish(int run, boolean more) {
        runs.get(run).complete(more);
    }

    @Test
    void wake_ups_during_a_run_are_served_by_one_run_more_and_then_it_rests() {
        var work = new CoalescedWork("test work", Duration.ZERO, this::nextRun);

        work.wake();
        assertThat(started()).isEqualTo(1);
        work.wake();
        work.wake();
        work.wake();
        assertThat(started()).as("no second run while the first is under way").isEqualTo(1);

        finish(0, false);
        assertThat(started()).isEqualTo(2);
        finish(1, false);
        assertThat(started()).as("every wake-up served").isEqualTo(2);

        work.wake();
        assertThat(started()).as("a later wake-up starts a run again").isEqualTo(3);
    }

    @Test
    void a_run_that_says_more_is_waiting_is_followed_by_another_and_a_failed_one_does_not_stop_the_work() {
        var failures = new AtomicInteger();
        var work = new CoalescedWork("test work", Duration.ZERO, () -> failures.getAndIncrement() == 0
                ? Uni.createFrom().failure(new IllegalStateException("database away")) : nextRun());

        work.wake();
        work.wake();
        assertThat(started()).as("the failed run served its wake-up; the second starts a run").isEqualTo(1);
        finish(0, true);
        assertThat(started()).isEqualTo(2);
        finish(1, false);
        assertThat(started()).isEqualTo(2);
    }

    @Test
    void wake_ups_within_the_gathering_time_share_one_run() {
        var work = new CoalescedWork("test work", Duration.ofMillis(200), this::nextRun);

        for (int n = 0; n < 5; n++) {
            work.wake();
        }
        assertThat(started()).as("still gathering").isZero();

        await().atMost(Duration.ofSeconds(10)).until(() -> started() == 1);
        finish(0, false);
        assertThat(started()).isEqualTo(1);
    }
}
