package io.shopflow.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.LongStream;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {

    private static final long MS = Duration.ofMillis(1).toNanos();
    /** HdrHistogram's precision at three significant digits. */
    private static final Percentage WITHIN = Percentage.withPercentage(0.1);

    @Test
    void percentiles_are_measured_values_by_nearest_rank() {
        // 1..100 ms, shuffled: the p-th percentile of 100 values is the p-th smallest.
        long[] latencies = LongStream.rangeClosed(1, 100).map(n -> ((n * 37) % 100 + 1) * MS).toArray();

        var summary = LatencySummary.of(latencies);

        assertThat(summary.count()).isEqualTo(100);
        assertThat(summary.p50().toNanos()).isCloseTo(50 * MS, WITHIN);
        assertThat(summary.p95().toNanos()).isCloseTo(95 * MS, WITHIN);
        assertThat(summary.p99().toNanos()).isCloseTo(99 * MS, WITHIN);
        assertThat(summary.max().toNanos()).isCloseTo(100 * MS, WITHIN);
    }

    @Test
    void a_small_sample_rounds_the_rank_up() {
        var summary = LatencySummary.of(new long[] {30 * MS, 10 * MS, 20 * MS});

        assertThat(summary.p50().toNanos()).isCloseTo(20 * MS, WITHIN);
        assertThat(summary.p99().toNanos()).isCloseTo(30 * MS, WITHIN);
    }

    @Test
    void a_single_latency_is_every_percentile() {
        var summary = LatencySummary.of(new long[] {7 * MS});

        assertThat(summary.p50()).isEqualTo(summary.p99());
        assertThat(summary.max().toNanos()).isCloseTo(7 * MS, WITHIN);
    }

    @Test
    void refuses_an_empty_sample() {
        assertThatThrownBy(() -> LatencySummary.of(new long[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
