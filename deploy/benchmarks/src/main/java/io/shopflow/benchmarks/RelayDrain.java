package io.shopflow.benchmarks;

import java.time.Duration;
import java.util.Map;

/**
 * One relay setup emptying a full outbox.
 *
 * @param throughput from starting the relays to the outbox being empty (every event acknowledged and deleted)
 * @param setup      how many relays ran, with which batch size and connections
 * @param phases     relay-thread time per phase, summed over the relays
 * @param brokerBytes what the order topic's log grew by on the broker
 */
record RelayDrain(Throughput throughput, RelaySetup setup, Map<RelayPhase, Duration> phases, long brokerBytes) {

    /** Bytes on the broker per event published: the record batches as the producer compressed them. */
    double bytesPerEvent() {
        return (double) brokerBytes / throughput.events();
    }

    /** Time the relay threads existed: the denominator of each phase's share. */
    Duration relayThreadTime() {
        return throughput.elapsed().multipliedBy(setup.publishingThreads());
    }

    /** Share of relay-thread time in {@code phase}, 0 to 1. */
    double share(RelayPhase phase) {
        return (double) phases.get(phase).toNanos() / relayThreadTime().toNanos();
    }

    /** Share of relay-thread time outside every measured phase: mapping rows, metrics, idle waits. */
    double unmeasuredShare() {
        long measured = phases.values().stream().mapToLong(Duration::toNanos).sum();
        return 1 - (double) measured / relayThreadTime().toNanos();
    }
}
