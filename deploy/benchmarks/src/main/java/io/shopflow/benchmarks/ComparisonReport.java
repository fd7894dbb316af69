package io.shopflow.benchmarks;

import io.shopflow.benchmarks.QueryBenchmark.Round;
import io.shopflow.benchmarks.SvgBarChart.Bar;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The report of two ways to ask the same query, measured in alternating rounds: every round, the median round of
 * each, the contender/baseline ratios, and a chart. The baseline is the way run first in each round.
 *
 * @param stem  the results' file names start with it ({@code <stem>-latest.md} and its chart); earlier results
 *              are in git's history, not beside it
 * @param setup what ran and how, for the reader
 */
record ComparisonReport(Instant startedAt, String stem, String title, String setup, List<Round> rounds, String notes) {

    /** A report with no section beyond the rounds. */
    ComparisonReport(Instant startedAt, String stem, String title, String setup, List<Round> rounds) {
        this(startedAt, stem, title, setup, rounds, "");
    }

    private static final String BASELINE_COLOR = "#7f8c8d";
    private static final String CONTENDER_COLOR = "#2e86c1";
    static final DateTimeFormatter HEADING_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** The round with the median throughput of each way, in the order the ways were run. */
    List<Round> medians() {
        return rounds.stream().collect(Collectors.groupingBy(Round::protocol, LinkedHashMap::new, Collectors.toList()))
                .values().stream()
                .map(runs -> runs.stream().sorted(Comparator.comparingDouble(Round::perSecond)).toList()
                        .get(runs.size() / 2))
                .toList();
    }

    /** Writes the report as {@code <stem>-latest.md} and its chart beside it; returns the report's path. */
    Path writeTo(Path dir) throws IOException {
        String name = stem + "-latest";
        var medians = medians();
        var baseline = medians.get(0);
        var contender = medians.get(1);
        QueryBenchmark.writeFile(dir.resolve(name + ".svg"), chart(baseline, contender));
        var md = new StringBuilder();
        md.append("# ").append(title).append(", ").append(HEADING_TIME.format(startedAt)).append("\n\n");
        md.append(String.format(Locale.ROOT, "Machine: %d cores, %s. %s%n%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), setup));
        var watched = rounds.stream().flatMap(round -> round.cpuPerRequest().keySet().stream()).distinct().toList();
        md.append("## Median round of each\n\n");
        header(md, watched);
        medians.forEach(round -> row(md, round, watched));
        md.append(String.format(Locale.ROOT, "%n**%s / %s throughput: %.2f**; p50 latency ratio %.2f (%+.2f ms), "
                        + "p99 latency ratio %.2f (%+.2f ms).%n%n", contender.protocol(), baseline.protocol(),
                contender.perSecond() / baseline.perSecond(),
                ratio(contender.latency().p50(), baseline.latency().p50()),
                difference(contender.latency().p50(), baseline.latency().p50()),
                ratio(contender.latency().p99(), baseline.latency().p99()),
                difference(contender.latency().p99(), baseline.latency().p99())));
        if (baseline.failures() + contender.failures() > 0) {
            md.append(String.format(Locale.ROOT, "**Not a fair comparison:** the median rounds had %d and %d failures "
                    + "(requests refused or left unanswered, each holding up its caller until the client gave up), so "
                    + "their throughput says more about those requests than about either way.%n%n",
                    baseline.failures(), contender.failures()));
        }
        md.append("![throughput and latency](").append(name).append(".svg)\n\n");
        if (!notes.isEmpty()) {
            md.append(notes).append('\n');
        }
        md.append("## Every round\n\n");
        header(md, watched);
        rounds.forEach(round -> row(md, round, watched));
        var report = dir.resolve(name + ".md");
        QueryBenchmark.writeFile(report, md.toString());
        return report;
    }

    /** The table's head: a CPU column per watched process (CPU time per answered request, user + system). */
    private static void header(StringBuilder md, List<String> watched) {
        md.append("| way | requests/s | p50 | p95 | p99 | max | failures |");
        watched.forEach(process -> md.append(" CPU/request ").append(process).append(" |"));
        md.append("\n|---|---:|---:|---:|---:|---:|---:|").append("---:|".repeat(watched.size())).append('\n');
    }

    private static void row(StringBuilder md, Round round, List<String> watched) {
        var latency = round.latency();
        md.append(String.format(Locale.ROOT, "| %s | %.0f | %s | %s | %s | %s | %d |", round.protocol(),
                round.perSecond(), ms(latency.p50()), ms(latency.p95()), ms(latency.p99()), ms(latency.max()),
                round.failures()));
        watched.forEach(process -> md.append(Optional.ofNullable(round.cpuPerRequest().get(process))
                .map(cpu -> String.format(Locale.ROOT, " %.0f µs |", cpu.toNanos() / 1e3)).orElse(" – |")));
        md.append('\n');
    }

    private static String chart(Round baseline, Round contender) {
        return new SvgBarChart()
                .panel("Requests per second (median round, higher is better)", List.of(
                        throughputBar(baseline, BASELINE_COLOR), throughputBar(contender, CONTENDER_COLOR)), 2, null)
                .panel("Latency (lower is better)", List.of(
                        latencyBar("p50 " + baseline.protocol(), baseline.latency().p50(), BASELINE_COLOR),
                        latencyBar("p50 " + contender.protocol(), contender.latency().p50(), CONTENDER_COLOR),
                        latencyBar("p99 " + baseline.protocol(), baseline.latency().p99(), BASELINE_COLOR),
                        latencyBar("p99 " + contender.protocol(), contender.latency().p99(), CONTENDER_COLOR)), 2, null)
                .note(QueryBenchmark.CALLERS + " closed-loop callers each way; the same user-service instance behind both")
                .render();
    }

    private static Bar throughputBar(Round round, String color) {
        return new Bar(round.protocol(), round.perSecond(), String.format(Locale.ROOT, "%.0f/s", round.perSecond()), color);
    }

    private static Bar latencyBar(String label, Duration latency, String color) {
        return new Bar(label, latency.toNanos() / 1e6, ms(latency), color);
    }

    private static double ratio(Duration a, Duration b) {
        return (double) a.toNanos() / b.toNanos();
    }

    private static double difference(Duration a, Duration b) {
        return (a.toNanos() - b.toNanos()) / 1e6;
    }

    private static String ms(Duration duration) {
        return String.format(Locale.ROOT, "%.2f ms", duration.toNanos() / 1e6);
    }
}
