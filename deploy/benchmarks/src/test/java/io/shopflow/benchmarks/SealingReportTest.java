package io.shopflow.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopflow.benchmarks.SealingResults.CpuRound;
import io.shopflow.benchmarks.SealingResults.PayloadBytes;
import io.shopflow.benchmarks.SealingResults.RelayRound;
import io.shopflow.benchmarks.SealingResults.Way;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealingReportTest {

    private static final int EVENTS = 1000;

    private static CpuRound round(Way way, long microsPerEvent) {
        return new CpuRound(way, EVENTS, Duration.ofNanos(microsPerEvent * 1000 * EVENTS));
    }

    private static RelayRound drain(boolean sealed, double perSecond, long bytesPerEvent) {
        var elapsed = Duration.ofNanos((long) (EVENTS / perSecond * 1e9));
        return new RelayRound(sealed, new RelayDrain(new Throughput("relay ×1, 4 workers, batch 1000, pooled", EVENTS,
                elapsed), Benchmarks.REFERENCE, Map.of(), bytesPerEvent * EVENTS));
    }

    /** Three rounds: the sealed ways' medians are 30 µs (write) and 20 µs (read), against 10 µs each in clear. */
    private static SealingResults results() {
        var cpu = List.of(
                round(Way.WRITE_CLEAR, 12), round(Way.WRITE_SEALED, 90),
                round(Way.READ_CLEAR, 10), round(Way.READ_SEALED, 20),
                round(Way.WRITE_CLEAR, 10), round(Way.WRITE_SEALED, 30),
                round(Way.READ_CLEAR, 9), round(Way.READ_SEALED, 25),
                round(Way.WRITE_CLEAR, 8), round(Way.WRITE_SEALED, 29),
                round(Way.READ_CLEAR, 10), round(Way.READ_SEALED, 19));
        var relay = List.of(drain(false, 20_000, 150), drain(true, 10_000, 600), drain(false, 40_000, 150),
                drain(true, 30_000, 600), drain(false, 30_000, 150), drain(true, 15_000, 600));
        return new SealingResults(Instant.parse("2026-12-06T10:00:00Z"),
                new MachineFacts(2, "test CPU", "Linux", "JVM 17", "PostgreSQL 15", "Apache Kafka 4.0.0"),
                new SealingOptions(EVENTS, 3, Path.of("unused")), cpu, new PayloadBytes(200, 800), relay);
    }

    @Test
    void each_way_is_judged_by_its_median_round_against_the_clear_baseline_of_the_same_run() {
        var results = results();

        assertThat(results.median(Way.WRITE_SEALED).microsPerEvent()).isEqualTo(30.0);
        assertThat(results.median(Way.READ_CLEAR).microsPerEvent()).isEqualTo(10.0);
        assertThat(results.medianDrain(false).drain().throughput().eventsPerSecond()).isCloseTo(30_000, within());
        assertThat(results.medianDrain(true).drain().throughput().eventsPerSecond()).isCloseTo(15_000, within());

        var report = new SealingReport(results).markdown();

        assertThat(report)
                .contains("| write | 10.0 µs | 30.0 µs | **3.00** | +20.0 µs |")
                .contains("| read | 10.0 µs | 20.0 µs | **2.00** | +10.0 µs |")
                .contains("| JSON payload (outbox row, record value) | 200 | 800 | **4.00** |")
                .contains("| 150 | 600 | **4.00** |")
                .contains("| sealed (v2) | 15,000 | **0.50** |")
                .contains("1,000 events per measurement; rounds: 3");
    }

    @Test
    void the_report_is_written_as_sealing_latest(@TempDir Path results) throws Exception {
        var written = new SealingReport(results()).writeTo(results);

        assertThat(written).isEqualTo(results.resolve("sealing-latest.md"));
        assertThat(Files.readString(written))
                .startsWith("# Sealing personal data: its cost per event, 2026-12-06 10:00 UTC");
    }

    private static Offset<Double> within() {
        return Offset.offset(1.0);
    }
}
