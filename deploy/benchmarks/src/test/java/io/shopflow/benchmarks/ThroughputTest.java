package io.shopflow.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThroughputTest {

    private static Throughput run(long millis) {
        return new Throughput("run", 1_000, Duration.ofMillis(millis));
    }

    @Test
    void rate_and_ratio() {
        assertThat(run(500).eventsPerSecond()).isEqualTo(2_000.0);
        assertThat(run(1_000).ratioTo(run(500))).isEqualTo(0.5);
    }

    @Test
    void the_median_is_the_middle_run_by_rate_whatever_the_order() {
        assertThat(Throughput.median(List.of(run(300), run(100), run(200)))).isEqualTo(run(200));
    }

    @Test
    void of_an_even_number_of_runs_the_median_is_the_slower_middle_one() {
        assertThat(Throughput.median(List.of(run(100), run(400), run(200), run(300)))).isEqualTo(run(300));
    }

    @Test
    void no_runs_have_no_median() {
        assertThatThrownBy(() -> Throughput.median(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
