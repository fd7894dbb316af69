package io.shopflow.benchmarks;

/**
 * The latency percentiles of one path.
 *
 * @param name     the raw producer's or the relay setup's
 * @param relay    the relay setup measured, or null for the raw producer
 * @param lingerMs the linger its producer ran with
 */
record PathLatency(String name, RelaySetup relay, long lingerMs, LatencySummary latency) {

    static PathLatency raw(RawProducerPath raw, long lingerMs, LatencySummary latency) {
        return new PathLatency(raw.label(), null, lingerMs, latency);
    }

    static PathLatency relay(RelaySetup setup, long lingerMs, LatencySummary latency) {
        return new PathLatency(setup.label(), setup, lingerMs, latency);
    }

    /** What each latency spans. */
    String span() {
        return relay == null ? "send → consumed" : "commit → consumed";
    }
}
