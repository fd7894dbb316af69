package io.shopflow.benchmarks;

import java.time.Duration;
import java.util.Arrays;

/** Percentiles of a set of latencies, by the nearest-rank method: every figure is a latency that was measured. */
record LatencySummary(int count, Duration p50, Duration p95, Duration p99, Duration max) {

    static LatencySummary of(long[] latencyNanos) {
        if (latencyNanos.length == 0) {
            throw new IllegalArgumentException("No latencies measured");
        }
        long[] sorted = latencyNanos.clone();
        Arrays.sort(sorted);
        return new LatencySummary(sorted.length, percentile(sorted, 50), percentile(sorted, 95),
                percentile(sorted, 99), Duration.ofNanos(sorted[sorted.length - 1]));
    }

    /** The smallest value with at least {@code percent}% of the values at or below it. */
    static Duration percentile(long[] sorted, double percent) {
        if (percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be in (0, 100], was " + percent);
        }
        int rank = (int) Math.ceil(percent / 100 * sorted.length);
        return Duration.ofNanos(sorted[Math.max(rank, 1) - 1]);
    }
}
