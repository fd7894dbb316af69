package io.shopflow.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopflow.benchmarks.SagaBenchmark.Phase;
import io.shopflow.benchmarks.SagaBenchmark.Results;
import io.shopflow.benchmarks.SagaBenchmark.Timeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SagaReportTest {

    private static Phase phase(String label, long through, long p99Millis) {
        return new Phase(label, through, 0, Duration.ofSeconds(10), LatencySummary.of(new long[] {
                p99Millis * 500_000, p99Millis * 1_000_000}));
    }

    @Test
    void the_targets_are_judged_against_the_baselines_of_the_same_run(@TempDir Path results) throws Exception {
        var cpu = new LinkedHashMap<String, Duration>();
        cpu.put("order-service", Duration.ofMillis(3));
        cpu.put("api-gateway", Duration.ofMillis(1));
        var steps = List.of(phase("saga at 100/s", 1_000, 300), phase("saga at 300/s", 3_000, 700),
                phase("saga at 400/s", 3_000, 9_000));
        var timeline = new Timeline(new long[] {100, 300, 300}, new long[] {90, 290, 310},
                List.of(new SvgTimeline.Mark(0, "saga at 100/s")));
        var measured = new Results(Instant.now(), new Throughput("raw producer", 20_000, Duration.ofSeconds(1)),
                new Throughput("raw PostgreSQL", 5_000, Duration.ofSeconds(2)),
                phase("chain", 1_000, 50), phase("chain slow", 400, 300),
                new Phase("chain down", 0, 5_000, Duration.ofSeconds(10), null), steps, steps.get(1),
                phase("saga half", 1_500, 800), phase("saga flooded: accepted", 3_500, 40),
                phase("saga flooded: ended", 3_000, 2_000), phase("saga down", 3_000, 40), cpu,
                Map.of("order-service", 6.0, CommitMeter.WAL_FLUSHES, 9.5), timeline);

        var report = Files.readString(new SagaReport(measured).writeTo(results));

        assertThat(report)
                .contains("**The saga sustains 300 orders/s.**")
                .contains("| saga at 400/s | 300 | 3000 | 0 |")
                .contains("at 2,500 transactions/s")
                .contains("| 3.00× (300 vs 100) | yes |")
                .contains("| 300 accepted/s vs 0 chain orders/s | yes |")
                .contains("| at least 500 orders/s end to end | 300 | **no** |")
                .contains("| p99 under 1000 ms at half that rate | 800 ms | yes |")
                .contains("| chain down | 0 | 0 | 5000 | – | – | – |")
                .contains("| order-service | 3.00 ms | 75% |")
                .contains("| all services | 4.00 ms | |")
                .contains("| WAL flushes (server) | 9.5 |")
                .contains("| all services' transactions | 6.0 |");
        assertThat(results.resolve("saga-latest.md")).exists();
        assertThat(Files.list(results).map(file -> file.getFileName().toString()))
                .anyMatch(file -> file.endsWith("-timeline.svg"));
    }
}
