package io.shopflow.benchmarks;

import java.time.Instant;
import java.util.List;

/**
 * Everything one run measured, for the report and the chart.
 *
 * @param drains    one per relay setup, the reference setup (one relay as a service runs it) first
 * @param latencies the raw producer's first, then one per relay setup measured
 */
record RelayResults(Instant startedAt, MachineFacts machine, BenchmarkOptions options, Throughput raw,
                    List<RelayDrain> drains, List<PathLatency> latencies) {

    /** The goal the relay is held to: at least this fraction of the raw producer's throughput. */
    static final double TARGET_RATIO = 0.5;

    RelayDrain referenceRelay() {
        return drains.get(0);
    }

    boolean meetsTarget(RelayDrain drain) {
        return drain.throughput().ratioTo(raw) >= TARGET_RATIO;
    }

    PathLatency rawLatency() {
        return latencies.get(0);
    }
}
