package io.shopflow.benchmarks;

import io.shopflow.benchmarks.SagaBenchmark.Phase;
import io.shopflow.benchmarks.SagaBenchmark.Results;
import io.shopflow.benchmarks.SvgBarChart.Bar;
import io.shopflow.benchmarks.SvgBarChart.Marker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The saga benchmark's report: the saga stepped up to the rate it sustains, the other phases, the targets against
 * their baselines, where the CPU went, a chart of the figures and one of throughput over time.
 */
final class SagaReport {

    private static final String STEM = "saga";
    private static final String CHAIN_COLOR = "#7f8c8d";
    private static final String SAGA_COLOR = "#2e86c1";
    private static final double TARGET_RATIO = 2;
    private static final double TARGET_ORDERS_PER_SECOND = 500;
    private static final Duration TARGET_P99 = Duration.ofSeconds(1);

    private static final String TABLE_HEAD = "| phase | per second | through | failed | p50 | p95 | p99 |\n"
            + "|---|---:|---:|---:|---:|---:|---:|\n";

    private final Results results;

    SagaReport(Results results) {
        this.results = results;
    }

    /** Writes the report and its chart, and a copy as {@code saga-latest.md}; returns the report's path. */
    Path writeTo(Path dir) throws IOException {
        String name = STEM + "-" + ComparisonReport.FILE_STAMP.format(results.startedAt());
        QueryBenchmark.writeFile(dir.resolve(name + ".svg"), chart());
        QueryBenchmark.writeFile(dir.resolve(name + "-timeline.svg"), timeline());
        var md = new StringBuilder();
        md.append("# The order saga end to end, against the synchronous chain, ")
                .append(ComparisonReport.HEADING_TIME.format(results.startedAt())).append("\n\n");
        md.append(String.format(Locale.ROOT, "Machine: %d cores, %s. The whole platform ran as `./platform up` runs it "
                        + "(every service a JVM on these cores, with Kafka and PostgreSQL), the gateway's rate limits "
                        + "lifted. Warm-up: the saga at %d orders/s for %d s, the chain for %d s. Phases of %d s; "
                        + "closed loops of %d clients; every order one line of quantity 1; the provider answering in "
                        + "%d ms (slow: %d ms).%n%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.version"), SagaBenchmark.WARM_UP_RATE,
                SagaBenchmark.SAGA_WARM_UP.toSeconds(), SagaBenchmark.CHAIN_WARM_UP.toSeconds(),
                SagaBenchmark.PHASE.toSeconds(), SagaBenchmark.CLIENTS, SagaBenchmark.PROVIDER_LATENCY.toMillis(),
                SagaBenchmark.SLOW_PROVIDER.toMillis()));
        md.append(String.format(Locale.ROOT, "## The saga stepped up%n%nOrders placed at a fixed rate, each step until "
                + "its last saga ended; a step is kept up with when its sagas ended at %.0f%% of the rate or more. "
                + "**The saga sustains %.0f orders/s.**%n%n", SagaBenchmark.KEPT_UP * 100,
                results.sustained().perSecond()));
        md.append(TABLE_HEAD);
        results.steps().forEach(phase -> row(md, phase));
        md.append("\n## The other phases\n\n").append(TABLE_HEAD);
        phases().forEach(phase -> row(md, phase));
        md.append(String.format(Locale.ROOT, "%nBaselines: the raw Kafka producer sent %,d `OrderPlaced` records (the "
                        + "relay's settings, the same bytes) at %,.0f records/s; PostgreSQL alone committed %,d "
                        + "transactions of one event appended to a new stream and enqueued in the outbox (the event "
                        + "store's own code, a service-sized pool, %d in flight) at %,.0f transactions/s.%n%n",
                results.rawProducer().events(), results.rawProducer().eventsPerSecond(),
                results.rawPostgres().events(), SagaBenchmark.CLIENTS, results.rawPostgres().eventsPerSecond()));
        targets(md);
        cpu(md);
        database(md);
        md.append("![orders per second, latency, CPU per order](").append(name).append(".svg)\n\n");
        md.append("![orders placed and sagas ended each second](").append(name).append("-timeline.svg)\n");
        var report = dir.resolve(name + ".md");
        QueryBenchmark.writeFile(report, md.toString());
        Files.copy(report, dir.resolve(STEM + "-latest.md"), StandardCopyOption.REPLACE_EXISTING);
        return report;
    }

    private List<Phase> phases() {
        return List.of(results.syncNormal(), results.syncSlow(), results.syncDown(), results.sagaHalfRate(),
                results.floodAccepted(), results.floodEnded(), results.sagaProviderDown());
    }

    private static void row(StringBuilder md, Phase phase) {
        var latency = phase.latency();
        md.append(String.format(Locale.ROOT, "| %s | %.0f | %d | %d | %s | %s | %s |%n", phase.label(), phase.perSecond(),
                phase.succeeded(), phase.failed(), latency == null ? "–" : ms(latency.p50()),
                latency == null ? "–" : ms(latency.p95()), latency == null ? "–" : ms(latency.p99())));
    }

    private void targets(StringBuilder md) {
        double sustained = results.sustained().perSecond();
        double ratio = sustained / results.syncNormal().perSecond();
        var p99 = results.sagaHalfRate().latency().p99();
        md.append("## Targets\n\n| target | measured | met |\n|---|---|---|\n");
        md.append(String.format(Locale.ROOT, "| sagas sustained per second at least %.0f× the synchronous chain's orders "
                        + "(provider normal) | %.2f× (%.0f vs %.0f) | %s |%n", TARGET_RATIO, ratio,
                sustained, results.syncNormal().perSecond(), met(ratio >= TARGET_RATIO)));
        md.append(String.format(Locale.ROOT, "| orders still accepted while the provider is down (the chain fails) | "
                        + "%.0f accepted/s vs %.0f chain orders/s | %s |%n", results.sagaProviderDown().perSecond(),
                results.syncDown().perSecond(), met(results.sagaProviderDown().succeeded() > 0)));
        md.append(String.format(Locale.ROOT, "| at least %.0f orders/s end to end | %.0f | %s |%n",
                TARGET_ORDERS_PER_SECOND, sustained, met(sustained >= TARGET_ORDERS_PER_SECOND)));
        md.append(String.format(Locale.ROOT, "| p99 under %s at half that rate | %s | %s |%n%n", ms(TARGET_P99), ms(p99),
                met(p99.compareTo(TARGET_P99) < 0)));
    }

    /** Which service the CPU went to, per ended order: the bottleneck on shared cores. */
    private void cpu(StringBuilder md) {
        Map<String, Duration> perOrder = results.cpuPerOrder();
        long total = perOrder.values().stream().mapToLong(Duration::toNanos).sum();
        md.append(String.format(Locale.ROOT, "## Where the CPU went%n%nCPU time (user + system) per ended order at the "
                + "rate sustained (%s):%n%n| process | CPU per order | share |%n|---|---:|---:|%n",
                results.sustained().label()));
        perOrder.forEach((service, cpu) -> md.append(String.format(Locale.ROOT, "| %s | %.2f ms | %.0f%% |%n", service,
                cpu.toNanos() / 1e6, 100.0 * cpu.toNanos() / total)));
        md.append(String.format(Locale.ROOT, "| all services | %.2f ms | |%n%nAt %.2f ms of CPU an order, %d cores "
                        + "could end at most about %.0f orders/s with nothing else running (the benchmark's own "
                        + "clients, Kafka and PostgreSQL share the same cores).%n%n", total / 1e6, total / 1e6,
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().availableProcessors() * 1e9 / Math.max(1, total)));
    }

    /** What PostgreSQL did per order: the other resource every service shares. */
    private void database(StringBuilder md) {
        md.append(String.format(Locale.ROOT, "## Where the database went%n%nPer order ended at a fixed rate (the "
                + "stepped phases and the half-rate one, idle work included): transactions committed in each "
                + "service's database (reads included), and WAL flushes of the whole server (each makes writing "
                + "transactions durable):%n%n| database | per order |%n|---|---:|%n"));
        results.databasePerOrder().forEach((name, perOrder) -> md.append(String.format(Locale.ROOT, "| %s | %.1f |%n",
                name, perOrder)));
        double transactions = results.databasePerOrder().entrySet().stream()
                .filter(entry -> !entry.getKey().equals(CommitMeter.WAL_FLUSHES))
                .mapToDouble(Map.Entry::getValue).sum();
        md.append(String.format(Locale.ROOT, "| all services' transactions | %.1f |%n%n", transactions));
    }

    private String chart() {
        var throughput = new ArrayList<Bar>();
        for (var phase : List.of(results.syncNormal(), results.syncSlow(), results.syncDown())) {
            throughput.add(bar(phase, CHAIN_COLOR));
        }
        for (var phase : List.of(results.sustained(), results.floodAccepted(), results.sagaProviderDown())) {
            throughput.add(bar(phase, SAGA_COLOR));
        }
        var latency = results.sagaHalfRate().latency();
        var cpu = new ArrayList<Bar>();
        results.cpuPerOrder().forEach((service, spent) -> cpu.add(new Bar(service, spent.toNanos() / 1e6,
                String.format(Locale.ROOT, "%.2f ms", spent.toNanos() / 1e6), SAGA_COLOR)));
        return new SvgBarChart()
                .panel("Orders per second (grey: synchronous chain, blue: saga)", throughput, 3,
                        new Marker(TARGET_ORDERS_PER_SECOND, "target 500/s"))
                .panel("Placement to saga end at half the most (" + results.sagaHalfRate().label() + ")", List.of(
                        latencyBar("p50", latency.p50()), latencyBar("p95", latency.p95()),
                        latencyBar("p99", latency.p99())), 3, new Marker(TARGET_P99.toMillis(), "target p99 1 s"))
                .panel("CPU per ended order, by process", cpu, cpu.size(), null)
                .note("the chain and the flood: " + SagaBenchmark.CLIENTS + " closed-loop clients; all processes on "
                        + "the same " + Runtime.getRuntime().availableProcessors() + " cores")
                .render();
    }

    private String timeline() {
        var timeline = results.timeline();
        return SvgTimeline.render("Orders placed and sagas ended each second", List.of(
                new SvgTimeline.Series("orders placed", timeline.placed(), CHAIN_COLOR),
                new SvgTimeline.Series("sagas ended", timeline.ended(), SAGA_COLOR)), timeline.phases());
    }

    private static Bar bar(Phase phase, String color) {
        return new Bar(phase.label(), phase.perSecond(), String.format(Locale.ROOT, "%.0f/s", phase.perSecond()), color);
    }

    private static Bar latencyBar(String label, Duration latency) {
        return new Bar(label, latency.toNanos() / 1e6, ms(latency), SAGA_COLOR);
    }

    private static String met(boolean met) {
        return met ? "yes" : "**no**";
    }

    private static String ms(Duration duration) {
        return String.format(Locale.ROOT, "%.0f ms", duration.toNanos() / 1e6);
    }
}
