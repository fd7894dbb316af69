package io.shopflow.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {

    private static final long MS = Duration.ofMillis(1).toNanos();

    @Test
    void percentiles_are_measured_values_by_nearest_rank() {
        // 1..100 ms, shuffled: the p-th percentile of 100 values is the p-th smallest.
        long[] latencies = LongStream.rangeClosed(1, 100).map(n -> ((n * 37) % 100 + 1) * MS).toArray();

        var summary = LatencySummary.of(latencies);

        assertThat(summary.count()).isEqualTo(100);
        assertThat(summary.p50()).isEqualTo(Duration.ofMillis(50));
        assertThat(summary.p95()).isEqualTo(Duration.ofMillis(95));
        assertThat(summary.p99()).isEqualTo(Duration.ofMillis(99));
        assertThat(summary.max()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void a_small_sample_rounds_the_rank_up() {
        long[] sorted = {10 * MS, 20 * MS, 30 * MS};

        assertThat(LatencySummary.percentile(sorted, 50)).isEqualTo(Duration.ofMillis(20));
        assertThat(LatencySummary.percentile(sorted, 99)).isEqualTo(Duration.ofMillis(30));
        assertThat(LatencySummary.percentile(sorted, 1)).isEqualTo(Duration.ofMillis(10));
    }

    @Test
    void a_single_latency_is_every_percentile() {
        var summary = LatencySummary.of(new long[]{7 * MS});

        assertThat(summary.p50()).isEqualTo(summary.max()).isEqualTo(Duration.ofMillis(7));
    }

    @Test
    void refuses_an_empty_sample_and_impossible_percentiles() {
        assertThatThrownBy(() -> LatencySummary.of(new long[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LatencySummary.percentile(new long[]{1}, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LatencySummary.percentile(new long[]{1}, 101))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void does_not_reorder_the_callers_array() {
        long[] latencies = {3 * MS, 1 * MS, 2 * MS};

        LatencySummary.of(latencies);

        assertThat(latencies).containsExactly(3 * MS, 1 * MS, 2 * MS);
    }
}
