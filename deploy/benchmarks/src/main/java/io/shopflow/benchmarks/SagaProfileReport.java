package io.shopflow.benchmarks;

import io.shopflow.launcher.LocalPlatform;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * {@code saga-profile-latest.md}: the saga at one rate with every service recorded by JFR, what an order cost each
 * service in CPU, and where each one's samples went.
 */
final class SagaProfileReport {

    private static final int TOP = 12;

    private final Instant startedAt;
    private final SagaStep step;
    private final Map<String, HotSpots> profiles;

    SagaProfileReport(Instant startedAt, SagaStep step, Map<String, HotSpots> profiles) {
        this.startedAt = startedAt;
        this.step = step;
        this.profiles = profiles;
    }

    Path writeTo(Path dir) throws IOException {
        var md = new StringBuilder();
        md.append("# Where an order's CPU goes, ").append(ComparisonReport.HEADING_TIME.format(startedAt))
                .append("\n\n");
        md.append(String.format(Locale.ROOT, "Machine: %d cores, %s; the services' JVM options: %s. The saga warmed "
                        + "up at %d orders/s for %d s or until the JIT compilers settled, then ran at %d orders/s for %d s with a JFR recording "
                        + "(`settings=profile`) in every service: %d orders, %.2f ms of CPU per order over the "
                        + "services. Samples are Java code on a CPU (GC and the JIT compilers are not sampled), so a "
                        + "service's shares are of its sampled time, not of its CPU.%n%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.version"), LocalPlatform.serviceJavaOptions(),
                SagaBenchmark.WARM_UP_RATE, SagaBenchmark.SAGA_WARM_UP.toSeconds(), step.rate(),
                SagaBenchmark.MEASURED_ALONE.toSeconds(), step.phase().succeeded(),
                step.allCpuPerOrder().toNanos() / 1e6));
        md.append("| service | CPU per order | samples |\n|---|---:|---:|\n");
        profiles.forEach((service, profile) -> md.append(String.format(Locale.ROOT, "| %s | %.2f ms | %d |%n",
                service, step.cpuPerOrder().getOrDefault(service, Duration.ZERO).toNanos() / 1e6,
                profile.samples())));
        profiles.forEach((service, profile) -> {
            md.append("\n## ").append(service).append("\n\n");
            table(md, "asked for by", profile.byCaller(), profile.samples());
            table(md, "method on the CPU", profile.bySelf(), profile.samples());
            table(md, "our method, with what it called", profile.ours(), profile.samples());
        });
        Path report = dir.resolve("saga-profile-latest.md");
        QueryBenchmark.writeFile(report, md.toString());
        return report;
    }

    private static void table(StringBuilder md, String heading, Map<String, Long> counts, long samples) {
        md.append("| ").append(heading).append(" | share |\n|---|---:|\n");
        HotSpots.top(counts, TOP).forEach((name, count) -> md.append(String.format(Locale.ROOT, "| `%s` | %.1f%% |%n",
                name, samples == 0 ? 0 : 100.0 * count / samples)));
        md.append('\n');
    }
}
