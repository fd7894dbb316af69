package io.shopflow.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopflow.benchmarks.RelayResults.CompressionRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelayReportTest {

    private static final int EVENTS = 60_000;
    private static final RelaySetup REFERENCE = new RelaySetup(1, 4, 1000, true);
    private static final RelaySetup ONE_WORKER = new RelaySetup(1, 1, 1000, true);

    private static Throughput perSecond(String label, int events, double perSecond) {
        return new Throughput(label, events, Duration.ofNanos((long) (events / perSecond * 1e9)));
    }

    private static RelayDrain drain(RelaySetup setup, double perSecond, long bytesPerEvent) {
        var phases = new EnumMap<RelayPhase, Duration>(RelayPhase.class);
        for (var phase : RelayPhase.values()) {
            phases.put(phase, Duration.ofMillis(100));
        }
        return new RelayDrain(perSecond(setup.label(), EVENTS, perSecond), setup, phases, bytesPerEvent * EVENTS);
    }

    /** Of 100 latencies, 98 at {@code p50Millis} and 2 at {@code p99Millis}. */
    private static LatencySummary latency(long p50Millis, long p99Millis) {
        return LatencySummary.of(LongStream.range(0, 100).map(n -> (n < 98 ? p50Millis : p99Millis) * 1_000_000)
                .toArray());
    }

    /**
     * The relay at 20,000 events/s against the raw producer's 30,000 (60,000 without Kafka: 1 / (1/60,000 +
     * 1/30,000) = 20,000 events/s if every event cost both in turn); writers at 10,000 events/s; at linger 5 ms the
     * relay's p99 is 2.5× the raw one, at linger 0 ms 1.5× (the one-worker relay, listed first, at neither).
     */
    static RelayResults results() {
        var raw = perSecond("raw producer", EVENTS, 30_000);
        var reference = drain(REFERENCE, 20_000, 700);
        var rawPath = new RawProducerPath("localhost:9092");
        var lingerZero = ProducerTuning.linger(0);
        return new RelayResults(Instant.parse("2026-12-03T11:00:00Z"),
                new MachineFacts(2, "test CPU", "Linux", "JVM 17", "PostgreSQL 15", "Apache Kafka 4.0.0"),
                BenchmarkOptions.DEFAULTS, new ProducerTuning.Effective("none", 5), raw,
                List.of(reference, drain(ONE_WORKER, 12_000, 700)), drain(REFERENCE.withoutKafka(), 60_000, 0),
                List.of(new CompressionRun("none", raw, reference),
                        new CompressionRun("lz4", perSecond("raw producer, lz4", EVENTS, 31_000),
                                drain(REFERENCE.with(ProducerTuning.compression("lz4")), 19_000, 300)),
                        new CompressionRun("zstd", perSecond("raw producer, zstd", EVENTS, 25_000),
                                drain(REFERENCE.with(ProducerTuning.compression("zstd")), 15_000, 245))),
                new WriterRace(perSecond("service writers", 10_000, 10_000), 1_200, Duration.ofMillis(80)),
                List.of(PathLatency.raw(rawPath, 5, latency(6, 10)),
                        PathLatency.relay(ONE_WORKER, 5, latency(8, 11)),
                        PathLatency.relay(REFERENCE, 5, latency(9, 25)),
                        PathLatency.raw(rawPath.with(lingerZero), 0, latency(2, 8)),
                        PathLatency.relay(REFERENCE.with(lingerZero), 0, latency(5, 12))));
    }

    @Test
    void the_report_gives_compression_the_writers_race_latency_by_linger_and_the_targets(@TempDir Path directory)
            throws Exception {
        var report = Files.readString(new RelayReport(results()).writeTo(directory));

        assertThat(report)
                .contains("compression.type=none, linger.ms=5")
                .contains("| none (the relay's) | 30,000 | 20,000 | 0.67 | 700 | 100% |")
                .contains("| lz4 | 31,000 | 19,000 | 0.61 | 300 | 43% |")
                .contains("| zstd | 25,000 | 15,000 | 0.60 | 245 | 35% |")
                .contains("committed 10,000 events at 10,000 events/s while the reference relay ran; 1,200 were "
                        + "still in the outbox when they were done, published 80.0 ms later")
                .contains("**2.00× the writers' rate** (target 1.5×)")
                .contains("| raw producer, linger 0 ms (send → consumed) | 0 ms | 100 |")
                .contains("| relay ×1, 4 workers, batch 1000, pooled, linger 0 ms (commit → consumed) | 0 ms | 100 |")
                .contains("- linger 5 ms: the relay's median is 3.0 ms above sending directly (1.5× the raw median), "
                        + "its p99 2.50× the raw p99.")
                .contains("- linger 0 ms:")
                .contains("reaches at least 0.6 of the raw producer's throughput | 0.67 (20,000 vs 30,000 events/s) "
                        + "| yes |")
                .contains("| stretch: at least 0.8 | 0.67 (20,000 vs 30,000 events/s) | **no** |")
                .contains("fill it | 2.00× (draining 20,000 events/s; the writers 10,000 events/s with it running) "
                        + "| yes |")
                .contains("at 200 events/s, linger 5 ms | 2.50× (25.0 ms vs 10.0 ms) | **no** |")
                .contains("at 200 events/s, linger 0 ms | 1.50× (12.0 ms vs 8.0 ms) | yes |")
                .contains("empties the outbox at 60,000 events/s (2.00 of the raw producer)")
                .contains("about 20,000 events/s (0.67 of the raw producer) if every event cost both")
                .contains("and 30,000 events/s, the slower of the two, if they overlapped entirely. It reached 1.00× "
                        + "the first mark and 0.67 of the second.")
                .contains(" relay ×1, 4 workers, batch 1000, pooled, no Kafka |");
        assertThat(Files.readString(directory.resolve("relay-latest.svg")))
                .contains("Bytes per event on the broker").contains("target: 0.6 of raw");
    }

    @Test
    void each_linger_pairs_the_raw_producer_with_the_reference_relay_not_another_setup() {
        var pairs = results().lingerPairs();

        assertThat(pairs).extracting(RelayResults.LingerPair::lingerMs).containsExactly(5L, 0L);
        assertThat(pairs.get(0).relay().relay()).isEqualTo(REFERENCE);
        assertThat(pairs.get(1).relay().relay()).isEqualTo(REFERENCE.with(ProducerTuning.linger(0)));
    }
}
