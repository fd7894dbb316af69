package io.shopflow.benchmarks;

/**
 * The latency percentiles of one path.
 *
 * @param relay the relay setup measured, or null for the raw producer
 */
record PathLatency(RelaySetup relay, LatencySummary latency) {

    static PathLatency raw(LatencySummary latency) {
        return new PathLatency(null, latency);
    }

    static PathLatency relay(RelaySetup setup, LatencySummary latency) {
        return new PathLatency(setup, latency);
    }

    String name() {
        return relay == null ? "raw producer" : relay.label();
    }

    /** What each latency spans. */
    String span() {
        return relay == null ? "send → consumed" : "commit → consumed";
    }
}
