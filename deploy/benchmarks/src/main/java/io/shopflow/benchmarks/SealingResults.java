package io.shopflow.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * What a sealing run measured: CPU per event of writing and reading user events with personal data in clear text and
 * sealed, their payloads' size, and the reference relay publishing each.
 *
 * @param cpu          every round of every way, in the order they ran
 * @param payloadBytes the events' JSON payload, as stored in the outbox and sent as the record's value, per event
 * @param relay        every relay drain, in the order they ran
 */
record SealingResults(Instant startedAt, MachineFacts machine, SealingOptions options, List<CpuRound> cpu,
                      PayloadBytes payloadBytes, List<RelayRound> relay) {

    /** One way of handling a user event; each clear way is the baseline of the sealed way after it. */
    enum Way {
        WRITE_CLEAR("write v1, clear text", "user-service before sealing: encode the event"),
        WRITE_SEALED("write v2, sealed", "user-service now: unwrap the user's data key, seal 3 fields, encode"),
        READ_CLEAR("read v1, clear text", "a consumer before sealing: decode the event"),
        READ_SEALED("read v2, sealed", "notification-service now: decode, fetch the key into its cache, open 3 fields");

        final String label;
        final String what;

        Way(String label, String what) {
            this.label = label;
            this.what = what;
        }
    }

    /** CPU time (user + system) of the measuring thread for {@code events} events one way. */
    record CpuRound(Way way, int events, Duration cpu) {

        double microsPerEvent() {
            return cpu.toNanos() / 1e3 / events;
        }
    }

    record PayloadBytes(double clear, double sealed) {
    }

    /** One drain of the reference relay, of events in clear text or sealed. */
    record RelayRound(boolean sealed, RelayDrain drain) {
    }

    /** The round of {@code way} with the median CPU per event (of an even number, the dearer middle one). */
    CpuRound median(Way way) {
        var rounds = cpu.stream().filter(round -> round.way() == way)
                .sorted(Comparator.comparingDouble(CpuRound::microsPerEvent)).toList();
        if (rounds.isEmpty()) {
            throw new IllegalStateException("No round of " + way);
        }
        return rounds.get(rounds.size() / 2);
    }

    /** The drain of clear ({@code sealed} false) or sealed events with the median throughput. */
    RelayRound medianDrain(boolean sealed) {
        var drains = relay.stream().filter(round -> round.sealed() == sealed).toList();
        var middle = Throughput.median(drains.stream().map(round -> round.drain().throughput()).toList());
        return drains.stream().filter(round -> round.drain().throughput() == middle).findFirst().orElseThrow();
    }
}
