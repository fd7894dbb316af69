package io.shopflow.benchmarks;

import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * Percentiles of a set of latencies, read from an HdrHistogram: by nearest rank, each figure within 0.1% of a
 * latency that was measured (three significant digits; HdrHistogram reports the top of the value's bucket).
 */
record LatencySummary(long count, Duration p50, Duration p95, Duration p99, Duration max) {

    private static final int SIGNIFICANT_DIGITS = 3;

    static LatencySummary of(long[] latencyNanos) {
        if (latencyNanos.length == 0) {
            throw new IllegalArgumentException("No latencies measured");
        }
        var histogram = new Histogram(SIGNIFICANT_DIGITS);
        for (long latency : latencyNanos) {
            histogram.recordValue(latency);
        }
        return new LatencySummary(histogram.getTotalCount(), at(histogram, 50), at(histogram, 95),
                at(histogram, 99), Duration.ofNanos(histogram.getMaxValue()));
    }

    private static Duration at(Histogram histogram, double percentile) {
        return Duration.ofNanos(histogram.getValueAtPercentile(percentile));
    }
}
