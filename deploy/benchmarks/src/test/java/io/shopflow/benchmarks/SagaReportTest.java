package io.shopflow.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopflow.benchmarks.SagaBenchmark.Phase;
import io.shopflow.benchmarks.SagaBenchmark.Results;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
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
        var measured = new Results(Instant.now(), new Throughput("raw producer", 20_000, Duration.ofSeconds(1)),
                phase("chain", 1_000, 50), phase("chain slow", 400, 300),
                new Phase("chain down", 0, 5_000, Duration.ofSeconds(10), null),
                phase("saga accepted", 3_500, 40), phase("saga ended", 3_000, 2_000), phase("saga half", 1_500, 800),
                phase("saga down", 3_000, 40), cpu);

        var report = Files.readString(new SagaReport(measured).writeTo(results));

        assertThat(report)
                .contains("| 3.00× (300 vs 100) | yes |")
                .contains("| 300 accepted/s vs 0 chain orders/s | yes |")
                .contains("| at least 500 orders/s end to end | 300 | **no** |")
                .contains("| p99 under 1000 ms at half that rate | 800 ms | yes |")
                .contains("| chain down | 0 | 0 | 5000 | – | – | – |")
                .contains("| order-service | 3.00 ms | 75% |")
                .contains("| all services | 4.00 ms | |");
        assertThat(results.resolve("saga-latest.md")).exists();
    }
}
