package io.shopflow.benchmarks;

import io.shopflow.benchmarks.QueryBenchmark.Round;
import io.shopflow.benchmarks.SvgBarChart.Bar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The gRPC-vs-REST report: every round, the median round per protocol, the ratio, and a chart. */
record QueryReport(Instant startedAt, List<Round> rounds) {

    private static final String REST_COLOR = "#7f8c8d";
    private static final String GRPC_COLOR = "#2e86c1";
    private static final DateTimeFormatter HEADING_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** The round with the median throughput of each protocol, in the order the protocols were run. */
    List<Round> medians() {
        return rounds.stream().collect(Collectors.groupingBy(Round::protocol, java.util.LinkedHashMap::new,
                        Collectors.toList()))
                .values().stream()
                .map(runs -> runs.stream().sorted(Comparator.comparingDouble(Round::perSecond)).toList()
                        .get(runs.size() / 2))
                .toList();
    }

    /** Writes {@code <name>.md}, {@code <name>.svg} and {@code queries-latest.md}; returns the report's path. */
    Path writeTo(Path dir, String name) throws IOException {
        var medians = medians();
        var rest = medians.get(0);
        var grpc = medians.get(1);
        QueryBenchmark.writeFile(dir.resolve(name + ".svg"), chart(rest, grpc));
        var md = new StringBuilder();
        md.append("# gRPC vs REST/JSON: one user by id, ").append(HEADING_TIME.format(startedAt)).append("\n\n");
        md.append(String.format(Locale.ROOT, "Machine: %d cores, %s. The whole platform ran as `./platform up` runs it; "
                        + "the benchmark asked one user-service instance for random users out of %d, with %d "
                        + "closed-loop callers, %d rounds of %d s per protocol after %d s of warm-up each, "
                        + "alternating.%n%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), QueryBenchmark.USERS,
                QueryBenchmark.CALLERS, QueryBenchmark.ROUNDS, QueryBenchmark.ROUND.toSeconds(),
                QueryBenchmark.WARM_UP.toSeconds()));
        md.append("## Median round per protocol\n\n");
        md.append("| protocol | requests/s | p50 | p95 | p99 | max | failures |\n|---|---:|---:|---:|---:|---:|---:|\n");
        medians.forEach(round -> row(md, round));
        md.append(String.format(Locale.ROOT, "%n**gRPC / REST throughput: %.2f**; p50 latency ratio %.2f, "
                        + "p99 latency ratio %.2f (below 1: gRPC faster).%n%n", grpc.perSecond() / rest.perSecond(),
                ratio(grpc.latency().p50(), rest.latency().p50()), ratio(grpc.latency().p99(), rest.latency().p99())));
        md.append("![throughput and latency](").append(name).append(".svg)\n\n");
        md.append("## Every round\n\n");
        md.append("| protocol | requests/s | p50 | p95 | p99 | max | failures |\n|---|---:|---:|---:|---:|---:|---:|\n");
        rounds.forEach(round -> row(md, round));
        var report = dir.resolve(name + ".md");
        QueryBenchmark.writeFile(report, md.toString());
        Files.copy(report, dir.resolve("queries-latest.md"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return report;
    }

    private static void row(StringBuilder md, Round round) {
        var latency = round.latency();
        md.append(String.format(Locale.ROOT, "| %s | %.0f | %s | %s | %s | %s | %d |%n", round.protocol(),
                round.perSecond(), ms(latency.p50()), ms(latency.p95()), ms(latency.p99()), ms(latency.max()),
                round.failures()));
    }

    private static String chart(Round rest, Round grpc) {
        return new SvgBarChart()
                .panel("Requests per second (median round, higher is better)", List.of(
                        new Bar(rest.protocol(), rest.perSecond(), String.format(Locale.ROOT, "%.0f/s", rest.perSecond()),
                                REST_COLOR),
                        new Bar(grpc.protocol(), grpc.perSecond(), String.format(Locale.ROOT, "%.0f/s", grpc.perSecond()),
                                GRPC_COLOR)), 2, null)
                .panel("Latency (lower is better)", List.of(
                        latencyBar("p50 REST", rest.latency().p50(), REST_COLOR),
                        latencyBar("p50 gRPC", grpc.latency().p50(), GRPC_COLOR),
                        latencyBar("p99 REST", rest.latency().p99(), REST_COLOR),
                        latencyBar("p99 gRPC", grpc.latency().p99(), GRPC_COLOR)), 2, null)
                .note(QueryBenchmark.CALLERS + " closed-loop callers; the same user-service instance for both")
                .render();
    }

    private static Bar latencyBar(String label, Duration latency, String color) {
        return new Bar(label, latency.toNanos() / 1e6, ms(latency), color);
    }

    private static double ratio(Duration a, Duration b) {
        return (double) a.toNanos() / b.toNanos();
    }

    private static String ms(Duration duration) {
        return String.format(Locale.ROOT, "%.2f ms", duration.toNanos() / 1e6);
    }
}
