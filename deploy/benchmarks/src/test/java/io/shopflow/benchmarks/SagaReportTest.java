package io.shopflow.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopflow.benchmarks.SagaOptions.CpuBefore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SagaReportTest {

    @Test
    void the_report_gives_every_step_the_rate_measured_alone_and_the_targets(@TempDir Path results)
            throws Exception {
        var measured = SagaFixtures.results(SagaFixtures.alone(3.2, 6.0));

        var report = Files.readString(new SagaReport(measured, new CpuBefore(10, 36)).writeTo(results));

        assertThat(report)
                .contains("**The saga sustains 10 orders/s.**")
                .contains("| 5/s | 5 | 100 | 0 | 80 ms | 80 ms | 120 ms | yes |")
                .containsPattern("\\| 20/s \\| 15 \\| 300 \\| 0 \\|.*\\| no \\|\n\n## CPU per order at every step")
                .contains("| step | api-gateway | order | all services |")
                .contains("| 20/s | 2.00 | 8.00 | **10.00** |")
                .contains("## The sustained rate measured alone")
                .contains("| saga at 10 orders/s, measured alone: sagas ended | 10 | 300 | 0 | 85 ms | 85 ms | 190 ms |")
                .contains("| api-gateway | 2.00 ms | 25% | – | – | – |")
                .contains("| order-service | 6.00 ms | 75% | 6.0 | 10.0 | 12.5 ms |")
                .contains("| inventory-service | – | – | 3.5 | – | – |")
                .contains("| all services | 8.00 ms | | 9.5 | 10.0 | 12.5 ms |")
                .contains("over the 22 s without orders before and after this phase")
                .contains("- **At rest** (no order in flight): the services spent 12.5 ms of CPU a second (most: "
                        + "order-service 12.5 ms; in the Kafka consumers' heartbeat threads 2.5 ms); at 5 orders/s "
                        + "that is 2.50 ms of each order's CPU, at 10 orders/s that is 1.25 ms of each order's CPU.")
                .contains("- **The cores**: over that phase 1.90 of the 2 cores were busy on average: the services "
                        + "1.10, PostgreSQL 0.30, the benchmark's JVM (its clients and the Kafka broker) 0.35, the "
                        + "rest (the system, anything else) 0.15. They were all but full (95%): here the rate is bound "
                        + "by CPU, and rises only with less CPU per order.")
                .contains("WAL flushes of the server per order: **3.2**")
                .contains("Kafka records written per order: **7.0**")
                .contains("7.0 records written and 10.0 taken by the services' consumer groups per order (most: "
                        + "order-service, 10.0), besides the order's HTTP and gRPC calls: the services' CPU per order "
                        + "is 0.80 ms per record taken")
                .contains("| at most 4 WAL flushes per order, at the sustained rate measured alone | 3.2 | yes |")
                .contains("| 3.00× lower: 12.00 ms now, 36.00 ms at 10 orders/s before | yes |")
                .contains("| synchronous chain, provider down | 0 | 0 | 5000 | – | – | – |")
                .contains("at 1,000 transactions/s")
                .contains("8.00 ms per order over the services (most: order-service 75%, api-gateway 25%; the JIT "
                        + "compilers: 2.00 ms (25%))")
                .contains("| of which JIT compilers | 2.00 ms (25%) | | | | |")
                .contains("at 3.2 flushes an order that is about 313 orders/s");
        assertThat(results.resolve("saga-latest.md")).exists();
        assertThat(results.resolve("saga-latest-timeline.svg")).exists();
        assertThat(report).contains("![orders placed and sagas ended each second](saga-latest-timeline.svg)");
    }

    @Test
    void cpu_per_step_has_a_row_per_step_and_a_column_per_process_seen(@TempDir Path results) {
        var steps = List.of(
                new SagaStep(5, SagaFixtures.phase("5", 100, 20, 80, 90), Map.of("order-service",
                        Duration.ofMillis(12)), Duration.ofMillis(3)),
                new SagaStep(10, SagaFixtures.phase("10", 200, 20, 80, 90), SagaFixtures.cpu(3, 9), null));

        assertThat(SagaReport.cpuPerStep(steps))
                .contains("| step | order | api-gateway | all services | of which JIT compilers |\n"
                        + "|---|---:|---:|---:|---:|\n")
                .contains("| 5/s | 12.00 | – | **12.00** | 3.00 ms (25%) |\n")
                .contains("| 10/s | 9.00 | 3.00 | **12.00** | – |\n");
    }
}
