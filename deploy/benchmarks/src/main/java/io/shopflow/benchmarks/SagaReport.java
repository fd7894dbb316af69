package io.shopflow.benchmarks;

import io.shopflow.benchmarks.SagaBenchmark.Phase;
import io.shopflow.benchmarks.SagaBenchmark.Results;
import io.shopflow.benchmarks.SagaOptions.CpuBefore;
import io.shopflow.benchmarks.SvgBarChart.Bar;
import io.shopflow.benchmarks.SvgBarChart.Marker;
import io.shopflow.launcher.LocalPlatform;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The saga benchmark's report: the saga stepped up to the rate it sustains with the CPU per order of every step,
 * that rate measured alone (CPU, transactions and WAL flushes per order), the other phases, the targets judged,
 * where the time goes, a chart of the figures and one of throughput over time.
 */
final class SagaReport {

    private static final String STEM = "saga";
    private static final String CHAIN_COLOR = "#7f8c8d";
    private static final String SAGA_COLOR = "#2e86c1";

    /**
     * Busy from this share of the cores on, they count as full: even a saturated machine leaves a core idle now
     * and then (a thread waking, a disk write).
     */
    private static final double FULL_CORES = 0.9;
    private static final String TABLE_HEAD = "| phase | per second | through | failed | p50 | p95 | p99 |\n"
            + "|---|---:|---:|---:|---:|---:|---:|\n";

    private final Results results;
    private final CpuBefore cpuBefore;

    /** @param cpuBefore an earlier run's CPU per order to judge this run's against, or null */
    SagaReport(Results results, CpuBefore cpuBefore) {
        this.results = results;
        this.cpuBefore = cpuBefore;
    }

    /** Writes the report as {@code saga-latest.md} and its charts beside it; returns the report's path. */
    Path writeTo(Path dir) throws IOException {
        String name = STEM + "-latest";
        QueryBenchmark.writeFile(dir.resolve(name + ".svg"), chart());
        QueryBenchmark.writeFile(dir.resolve(name + "-timeline.svg"), timeline());
        var md = new StringBuilder();
        md.append("# The order saga end to end, against the synchronous chain, ")
                .append(ComparisonReport.HEADING_TIME.format(results.startedAt())).append("\n\n");
        md.append(String.format(Locale.ROOT, "Machine: %d cores, %s. The whole platform ran as `./platform up` runs it "
                        + "(every service a JVM on these cores, with Kafka and PostgreSQL; the services' JVM options: "
                        + "%s), the gateway's rate limits "
                        + "lifted. Warm-up: the saga at %d orders/s for %d s and on in rounds of %d s until the services' "
                        + "JIT compilers took at most %.0f%% of their CPU in a round (%d rounds at most), the chain for "
                        + "%d s. Phases of %d s; "
                        + "closed loops of %d clients; every order one line of quantity 1; the provider answering in "
                        + "%d ms (slow: %d ms). WAL flushes are the whole PostgreSQL server's: they hold whatever "
                        + "else ran on it, so they mean something only from an otherwise idle machine.%n%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.version"), LocalPlatform.serviceJavaOptions(),
                SagaBenchmark.WARM_UP_RATE, SagaBenchmark.SAGA_WARM_UP.toSeconds(),
                SagaBenchmark.JIT_ROUND.toSeconds(), 100 * SagaBenchmark.JIT_SETTLED, SagaBenchmark.JIT_ROUNDS,
                SagaBenchmark.CHAIN_WARM_UP.toSeconds(),
                SagaBenchmark.PHASE.toSeconds(), SagaBenchmark.CLIENTS, SagaBenchmark.PROVIDER_LATENCY.toMillis(),
                SagaBenchmark.SLOW_PROVIDER.toMillis()));
        steps(md);
        md.append(cpuPerStep(results.steps()));
        alone(md);
        md.append("## The other phases\n\n").append(TABLE_HEAD);
        phases().forEach(phase -> md.append(row(phase)));
        md.append(String.format(Locale.ROOT, "%nBaselines: the raw Kafka producer sent %,d `OrderPlaced` records (the "
                        + "relay's settings, the same bytes) at %,.0f records/s; PostgreSQL alone committed %,d "
                        + "transactions of one event appended to a new stream and enqueued in the outbox (the event "
                        + "store's own code, a service-sized pool, %d in flight) at %,.0f transactions/s.%n%n",
                results.rawProducer().events(), results.rawProducer().eventsPerSecond(),
                results.rawPostgres().events(), ServiceWriters.IN_FLIGHT, results.rawPostgres().eventsPerSecond()));
        md.append("## Targets\n\n").append(Target.table(SagaTargets.judge(results, cpuBefore))).append('\n');
        whereTheTimeGoes(md);
        md.append("![orders per second, latency, CPU per order](").append(name).append(".svg)\n\n");
        md.append("![orders placed and sagas ended each second](").append(name).append("-timeline.svg)\n");
        var report = dir.resolve(name + ".md");
        QueryBenchmark.writeFile(report, md.toString());
        return report;
    }

    private void steps(StringBuilder md) {
        md.append(String.format(Locale.ROOT, "## The saga stepped up%n%nOrders placed at a fixed rate, each step until "
                + "its last saga ended; a step is kept up with when its sagas ended at %.0f%% of the rate or more. "
                + "**The saga sustains %.0f orders/s.**%n%n| step | per second | through | failed | p50 | p95 | p99 "
                + "| kept up |%n|---|---:|---:|---:|---:|---:|---:|---|%n", SagaBenchmark.KEPT_UP * 100,
                results.sustained().phase().perSecond()));
        results.steps().forEach(step -> md.append("| ").append(step.rate()).append("/s ").append(cells(step.phase()))
                .append(step.keptUp() ? " yes |\n" : " no |\n"));
        md.append('\n');
    }

    /**
     * Every step's CPU per ended order, by process and over all: the row of a rate compares with the same row of
     * another run, whatever either sustained.
     */
    static String cpuPerStep(List<SagaStep> steps) {
        var processes = new LinkedHashSet<String>();
        steps.forEach(step -> processes.addAll(step.cpuPerOrder().keySet()));
        var md = new StringBuilder("## CPU per order at every step\n\nCPU time (user + system) each process spent "
                + "from the step's start until its last saga ended, per ended order, in ms. Compare a run with another "
                + "at the same rate (the same row). Of all services' time, what their JIT compilers spent compiling "
                + "(at least that much: a compiler thread that ended during the step is not counted).\n\n| step |");
        processes.forEach(process -> md.append(' ').append(process.replace("-service", "")).append(" |"));
        md.append(" all services | of which JIT compilers |\n|---|").append("---:|".repeat(processes.size() + 2))
                .append('\n');
        for (var step : steps) {
            md.append("| ").append(step.rate()).append("/s |");
            processes.forEach(process -> {
                var spent = step.cpuPerOrder().get(process);
                md.append(' ').append(spent == null ? "–" : millis(spent)).append(" |");
            });
            md.append(" **").append(millis(step.allCpuPerOrder())).append("** | ").append(jit(step)).append(" |\n");
        }
        return md.append('\n').toString();
    }

    /** The sustained rate measured alone: what an order costs each service in CPU and transactions. */
    private void alone(StringBuilder md) {
        var alone = results.alone();
        var step = alone.step();
        var database = alone.database();
        long total = step.allCpuPerOrder().toNanos();
        md.append(String.format(Locale.ROOT, "## The sustained rate measured alone%n%nThe saga at %d orders/s once "
                + "more, for %d s, with PostgreSQL's counts read after %d s without load before and after it (it "
                + "publishes a backend's counts up to 10 s late): they hold this phase alone, with the services' "
                + "idle work over those seconds, and not the steps, the half-rate phase or a backlog.%n%n",
                step.rate(), SagaBenchmark.MEASURED_ALONE.toSeconds(), CommitMeter.SETTLE.toSeconds()));
        md.append(TABLE_HEAD).append(row(step.phase()));
        var records = alone.records();
        var atRest = alone.atRest();
        md.append("\n| process | CPU per order | share | transactions per order | Kafka records taken per order "
                + "| CPU a second at rest |\n|---|---:|---:|---:|---:|---:|\n");
        var processes = new LinkedHashSet<>(step.cpuPerOrder().keySet());
        processes.addAll(database.transactionsPerOrder().keySet());
        for (String process : processes) {
            var cpu = step.cpuPerOrder().get(process);
            var resting = atRest.millisPerSecond().get(process);
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", process,
                    cpu == null ? "–" : millis(cpu) + " ms",
                    cpu == null ? "–" : String.format(Locale.ROOT, "%.0f%%", 100.0 * cpu.toNanos() / total),
                    tenths(database.transactionsPerOrder().get(process)),
                    tenths(records.takenPerOrder().get(process)),
                    resting == null ? "–" : String.format(Locale.ROOT, "%.1f ms", resting)));
        }
        md.append(String.format(Locale.ROOT, "| all services | %s ms | | %.1f | %.1f | %.1f ms |%n| of which JIT "
                + "compilers | %s | | | | |%n%nWAL flushes of the server per order: **%.1f** (each makes the writing "
                + "transactions committed since the last one durable). Kafka records written per order: **%.1f**; a "
                + "consumer group takes every record of the topics it reads, whether a handler there acts on it or "
                + "passes it over. At rest: the services' CPU over the %d s without orders before and after this "
                + "phase, a second.%n%n", millis(step.allCpuPerOrder()), database.allTransactionsPerOrder(),
                records.allTakenPerOrder(), atRest.allMillisPerSecond(), jit(step), database.walFlushesPerOrder(),
                records.writtenPerOrder(), Math.round(atRest.over().toMillis() / 1000.0)));
    }

    /**
     * How busy the cores were at the sustained rate, and by whom: with them all but full, the rate is bound by CPU
     * on this machine whatever the database could take.
     */
    private static String cores(CoresBusy.Share cores) {
        double busy = cores.busy() / cores.cores();
        return String.format(Locale.ROOT, "- **The cores**: over that phase %.2f of the %d cores were busy on average: "
                        + "the services %.2f, PostgreSQL %.2f, the benchmark's JVM (its clients and the Kafka broker) "
                        + "%.2f, the rest (the system, anything else) %.2f. %s%n", cores.busy(), cores.cores(),
                cores.services(), cores.postgres(), cores.benchmark(), cores.rest(), busy >= FULL_CORES
                        ? String.format(Locale.ROOT, "They were all but full (%.0f%%): here the rate is bound by CPU, "
                        + "and rises only with less CPU per order.", 100 * busy)
                        : String.format(Locale.ROOT, "They had room to spare (%.0f%% busy): the rate is bound by "
                        + "waits, not by CPU.", 100 * busy));
    }

    private static String tenths(Double count) {
        return count == null ? "–" : String.format(Locale.ROOT, "%.1f", count);
    }

    /** What the services' JIT compilers spent of a step's CPU per order, and its share; "–" where unknown. */
    private static String jit(SagaStep step) {
        return step.jitPerOrder() == null ? "–" : String.format(Locale.ROOT, "%s ms (%.0f%%)",
                millis(step.jitPerOrder()), 100.0 * step.jitPerOrder().toNanos()
                        / Math.max(1, step.allCpuPerOrder().toNanos()));
    }

    /** The two resources every service shares, and what each allows at this run's cost per order. */
    private void whereTheTimeGoes(StringBuilder md) {
        var alone = results.alone();
        var cpu = alone.step().cpuPerOrder();
        long total = alone.step().allCpuPerOrder().toNanos();
        int cores = Runtime.getRuntime().availableProcessors();
        var largest = cpu.entrySet().stream().sorted(Map.Entry.<String, Duration>comparingByValue().reversed())
                .limit(3).map(entry -> String.format(Locale.ROOT, "%s %.0f%%", entry.getKey(),
                        100.0 * entry.getValue().toNanos() / total)).toList();
        var database = alone.database();
        var mostTransactions = database.transactionsPerOrder().entrySet().stream()
                .max(Comparator.comparingDouble(Map.Entry::getValue)).orElseThrow();
        double commits = results.rawPostgres().eventsPerSecond();
        md.append(String.format(Locale.ROOT, "## Where the time goes%n%nAt the sustained rate measured alone "
                        + "(%.0f orders/s):%n%n"
                        + "- **CPU**: %s ms per order over the services (most: %s; the JIT compilers: %s); %d "
                        + "cores could end at most about "
                        + "%.0f orders/s with nothing else running (the benchmark's own clients, Kafka and PostgreSQL "
                        + "share the same cores).%n"
                        + "- **PostgreSQL**: %.1f WAL flushes and %.1f transactions per order (most: %s, %.1f). "
                        + "PostgreSQL alone committed %,.0f single-event transactions a second, about one flush "
                        + "each: at %.1f flushes an order that is about %.0f orders/s.%n",
                alone.step().phase().perSecond(), millis(alone.step().allCpuPerOrder()), String.join(", ", largest),
                jit(alone.step()), cores, cores * 1e9 / Math.max(1, total), database.walFlushesPerOrder(),
                database.allTransactionsPerOrder(), mostTransactions.getKey(), mostTransactions.getValue(), commits,
                database.walFlushesPerOrder(), commits / Math.max(0.1, database.walFlushesPerOrder())));
        alone.cores().ifPresent(busy -> md.append(cores(busy)));
        var records = alone.records();
        var mostTaken = records.takenPerOrder().entrySet().stream()
                .max(Comparator.comparingDouble(Map.Entry::getValue)).orElseThrow();
        md.append(String.format(Locale.ROOT, "- **Kafka**: %.1f records written and %.1f taken by the services' "
                        + "consumer groups per order (most: %s, %.1f), besides the order's HTTP and gRPC calls: the "
                        + "services' CPU per order is %.2f ms per record taken.%n", records.writtenPerOrder(),
                records.allTakenPerOrder(), mostTaken.getKey(), mostTaken.getValue(),
                total / 1e6 / Math.max(0.1, records.allTakenPerOrder())));
        md.append(atRest(alone.atRest()));
        long deadlocks = results.deadlocks().values().stream().mapToLong(Long::longValue).sum();
        md.append(String.format(Locale.ROOT, "- **Deadlocks** PostgreSQL broke over the saga's phases: %d%s (each "
                        + "held its transactions for deadlock_timeout, a second, before one was rolled back and "
                        + "retried).%n%n", deadlocks,
                deadlocks == 0 ? "" : " (" + results.deadlocks().entrySet().stream()
                        .filter(entry -> entry.getValue() > 0)
                        .map(entry -> entry.getKey() + " " + entry.getValue())
                        .collect(Collectors.joining(", ")) + ")"));
    }

    /**
     * What the services spend with no order in flight, and what that is of an order's CPU at the lowest step and at
     * the rate the CPU target compares (a low rate's CPU per order holds more of it).
     */
    private String atRest(RestingCpu.Reading atRest) {
        double perSecond = atRest.allMillisPerSecond();
        var most = atRest.millisPerSecond().entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(3)
                .map(entry -> String.format(Locale.ROOT, "%s %.1f ms", entry.getKey(), entry.getValue())).toList();
        var rates = new LinkedHashSet<Integer>();
        rates.add(SagaBenchmark.STEPS.get(0));
        if (cpuBefore != null) {
            rates.add(cpuBefore.rate());
        }
        var shares = rates.stream().map(rate -> String.format(Locale.ROOT, "at %d orders/s that is %.2f ms of each "
                + "order's CPU", rate, perSecond / rate)).toList();
        var threads = atRest.byThreads().entrySet().stream()
                .map(entry -> String.format(Locale.ROOT, "%s %.1f ms", entry.getKey().description(), entry.getValue()))
                .toList();
        return String.format(Locale.ROOT, "- **At rest** (no order in flight): the services spent %.1f ms of CPU a "
                + "second (most: %s%s); %s.%n", perSecond, String.join(", ", most),
                threads.isEmpty() ? "" : "; in " + String.join(", ", threads), String.join(", ", shares));
    }

    private List<Phase> phases() {
        return List.of(results.syncNormal(), results.syncSlow(), results.syncDown(), results.sagaHalfRate(),
                results.floodAccepted(), results.floodEnded(), results.sagaProviderDown());
    }

    private static String row(Phase phase) {
        return "| " + phase.label() + " " + cells(phase) + "\n";
    }

    /** A phase's figures, each cell closed: what follows its name in a row. */
    private static String cells(Phase phase) {
        var latency = phase.latency();
        return String.format(Locale.ROOT, "| %.0f | %d | %d | %s | %s | %s |",
                phase.perSecond(), phase.succeeded(), phase.failed(), latency == null ? "–" : ms(latency.p50()),
                latency == null ? "–" : ms(latency.p95()), latency == null ? "–" : ms(latency.p99()));
    }

    private String chart() {
        var throughput = new ArrayList<Bar>();
        for (var phase : List.of(results.syncNormal(), results.syncSlow(), results.syncDown())) {
            throughput.add(bar(phase, CHAIN_COLOR));
        }
        for (var phase : List.of(results.sustained().phase(), results.floodAccepted(), results.sagaProviderDown())) {
            throughput.add(bar(phase, SAGA_COLOR));
        }
        var latency = results.sagaHalfRate().latency();
        var cpu = new ArrayList<Bar>();
        results.alone().step().cpuPerOrder().forEach((service, spent) -> cpu.add(new Bar(service,
                spent.toNanos() / 1e6, millis(spent) + " ms", SAGA_COLOR)));
        return new SvgBarChart()
                .panel("Orders per second (grey: synchronous chain, blue: saga)", throughput, 3,
                        new Marker(SagaTargets.ORDERS_PER_SECOND, "target 500/s"))
                .panel("Placement to saga end at half the most (" + results.sagaHalfRate().label() + ")", List.of(
                        latencyBar("p50", latency.p50()), latencyBar("p95", latency.p95()),
                        latencyBar("p99", latency.p99())), 3, new Marker(SagaTargets.P99.toMillis(), "target p99 1 s"))
                .panel("CPU per ended order, by process (the sustained rate measured alone)", cpu, cpu.size(), null)
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

    private static String millis(Duration duration) {
        return String.format(Locale.ROOT, "%.2f", duration.toNanos() / 1e6);
    }

    static String ms(Duration duration) {
        return String.format(Locale.ROOT, "%.0f ms", duration.toNanos() / 1e6);
    }
}
