package io.shopflow.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CoresBusyTest {

    /**
     * Two seconds in which three quarters of two cores' ticks were busy: the services took 2 s of CPU, this JVM 1 s,
     * a PostgreSQL process alive throughout 1 s (together all 1.5 busy cores); one that ended and one that started
     * within are not counted.
     */
    @Test
    void a_phase_is_read_as_cores_busy_by_whom() {
        var before = new CoresBusy.Reading(0, 2, 100, 1_000, Duration.ZERO, Duration.ZERO,
                Map.of(1L, Duration.ofSeconds(3), 2L, Duration.ofSeconds(1)));
        var after = new CoresBusy.Reading(2_000_000_000L, 2, 700, 1_800, Duration.ofSeconds(2), Duration.ofSeconds(1),
                Map.of(1L, Duration.ofSeconds(4), 3L, Duration.ofSeconds(5)));

        var share = CoresBusy.between(Optional.of(before), Optional.of(after)).orElseThrow();

        assertThat(share.cores()).isEqualTo(2);
        assertThat(share.busy()).isCloseTo(1.5, within(1e-9));
        assertThat(share.services()).isCloseTo(1.0, within(1e-9));
        assertThat(share.benchmark()).isCloseTo(0.5, within(1e-9));
        assertThat(share.postgres()).isCloseTo(0.5, within(1e-9));
        assertThat(share.rest()).isZero();
    }

    @Test
    void without_a_reading_there_is_no_share() {
        var reading = CoresBusy.read(List.of());
        assertThat(CoresBusy.between(Optional.empty(), reading)).isEmpty();
        assertThat(CoresBusy.between(reading, Optional.empty())).isEmpty();
    }

    /** Linux, where the benchmark runs: the machine's own counts, this JVM's CPU time among them. */
    @Test
    void this_machine_is_read() {
        var reading = CoresBusy.read(List.of(ProcessHandle.current())).orElseThrow();
        assertThat(reading.cores()).as("every core has a line of its own").isPositive();
        assertThat(reading.busyTicks()).isPositive().isLessThan(reading.allTicks());
        assertThat(reading.services()).isPositive();
        assertThat(reading.benchmark()).as("read after the same process as a service").isGreaterThanOrEqualTo(
                reading.services());
    }
}
