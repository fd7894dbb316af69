package io.shopflow.benchmarks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Everything one run measured, for the report and the chart, and the targets it is held to.
 *
 * @param producer     what the relay's producer runs with where nothing is overridden
 * @param drains       one per relay setup, the reference setup (one relay as a service runs it) first
 * @param withoutKafka the reference relay with a producer that acknowledges at once: its work and the database's
 * @param compressions the raw producer and the reference relay with each producer compression compared
 * @param race         a service's writers filling the outbox while the reference relay runs
 * @param latencies    the raw producer's and the relay setups', with the relay's linger and each other compared
 */
record RelayResults(Instant startedAt, MachineFacts machine, BenchmarkOptions options,
                    ProducerTuning.Effective producer, Throughput raw, List<RelayDrain> drains,
                    RelayDrain withoutKafka, List<CompressionRun> compressions, WriterRace race,
                    List<PathLatency> latencies) {

    /** The relay as a service runs it is to reach at least this fraction of the raw producer's throughput. */
    static final double TARGET_RATIO = 0.6;
    static final double STRETCH_RATIO = 0.8;
    /** It is to empty the outbox at least this many times as fast as a service's writers fill it. */
    static final double DRAIN_OVER_FILL = 1.5;
    /** Its commit → consumed p99 is to be at most this many times the raw producer's send → consumed p99. */
    static final double P99_OVER_RAW = 2;

    /**
     * One producer compression: the raw producer's throughput with it and the reference relay's drain (its bytes
     * per event on the broker with it).
     */
    record CompressionRun(String codec, Throughput raw, RelayDrain relay) {
    }

    /** At one linger, the raw producer's latency and the reference relay's. */
    record LingerPair(long lingerMs, PathLatency raw, PathLatency relay) {

        double p99Ratio() {
            return (double) relay.latency().p99().toNanos() / raw.latency().p99().toNanos();
        }
    }

    RelayDrain referenceRelay() {
        return drains.get(0);
    }

    /** Every drain whose phases were timed: each setup's, then the one without Kafka. */
    List<RelayDrain> profiled() {
        var profiled = new ArrayList<>(drains);
        profiled.add(withoutKafka);
        return profiled;
    }

    /**
     * Events a second the reference relay would reach were its own and the database's work (timed without Kafka) and
     * Kafka's (timed by the raw producer) to take turns on the same cores: each event costs the time of both.
     */
    double sharedCoresBound() {
        return 1 / (1 / withoutKafka.throughput().eventsPerSecond() + 1 / raw.eventsPerSecond());
    }

    boolean meetsTarget(RelayDrain drain) {
        return drain.throughput().ratioTo(raw) >= TARGET_RATIO;
    }

    /** How many times as fast the reference relay empties the outbox as the writers filled it. */
    double drainOverFill() {
        return referenceRelay().throughput().eventsPerSecond() / race.writers().eventsPerSecond();
    }

    /** For each linger the raw producer's latency was measured at, it and the reference relay's at that linger. */
    List<LingerPair> lingerPairs() {
        var reference = referenceRelay().setup();
        var pairs = new ArrayList<LingerPair>();
        for (var raw : latencies.stream().filter(path -> path.relay() == null).toList()) {
            latencies.stream()
                    .filter(path -> path.relay() != null && path.lingerMs() == raw.lingerMs()
                            && path.relay().with(ProducerTuning.RELAY_DEFAULTS).equals(reference))
                    .findFirst()
                    .ifPresent(relay -> pairs.add(new LingerPair(raw.lingerMs(), raw, relay)));
        }
        return pairs;
    }

    List<Target> targets() {
        var reference = referenceRelay().throughput();
        double ratio = reference.ratioTo(raw);
        String measured = format("%.2f (%,.0f vs %,.0f events/s)", ratio, reference.eventsPerSecond(),
                raw.eventsPerSecond());
        var targets = new ArrayList<Target>();
        targets.add(Target.judged(format("the relay as a service runs it (%s) reaches at least %.1f of the raw "
                + "producer's throughput", reference.label(), TARGET_RATIO), measured, ratio >= TARGET_RATIO));
        targets.add(Target.judged(format("stretch: at least %.1f", STRETCH_RATIO), measured, ratio >= STRETCH_RATIO));
        targets.add(Target.judged(format("it empties the outbox at least %.1f× as fast as a service's writers (%d "
                        + "connections) fill it", DRAIN_OVER_FILL, ServiceWriters.POOL_SIZE),
                format("%.2f× (draining %,.0f events/s; the writers %,.0f events/s with it running)", drainOverFill(),
                        reference.eventsPerSecond(), race.writers().eventsPerSecond()),
                drainOverFill() >= DRAIN_OVER_FILL));
        for (var pair : lingerPairs()) {
            targets.add(Target.judged(format("commit → consumed p99 at most %.0f× the raw producer's send → consumed "
                            + "p99 at %d events/s, linger %d ms", P99_OVER_RAW, options.latencyRate(), pair.lingerMs()),
                    format("%.2f× (%s vs %s)", pair.p99Ratio(), RelayReport.millis(pair.relay().latency().p99()),
                            RelayReport.millis(pair.raw().latency().p99())), pair.p99Ratio() <= P99_OVER_RAW));
        }
        return targets;
    }

    private static String format(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
