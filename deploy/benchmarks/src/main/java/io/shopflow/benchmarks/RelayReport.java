package io.shopflow.benchmarks;

import io.shopflow.benchmarks.SvgBarChart.Bar;
import io.shopflow.benchmarks.SvgBarChart.Marker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** The Markdown report of a relay run and its chart, written side by side. */
final class RelayReport {

    private static final DateTimeFormatter HEADING_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final String LATEST = "relay-latest";
    private static final String RAW_COLOR = "#7f8c8d";
    private static final String RELAY_COLOR = "#2e86c1";
    private static final String POOLED_RELAY_COLOR = "#27ae60";
    private static final Set<RelayPhase> DATABASE_PHASES = EnumSet.of(RelayPhase.CONNECT, RelayPhase.CLAIM,
            RelayPhase.TAKE, RelayPhase.COMMIT, RelayPhase.OTHER_SQL);
    private static final Set<RelayPhase> KAFKA_PHASES = EnumSet.of(RelayPhase.SEND, RelayPhase.ACK_WAIT);

    private final RelayResults results;

    RelayReport(RelayResults results) {
        this.results = results;
    }

    /** Writes relay-latest.md and its chart relay-latest.svg (earlier results are in git's history); returns the report. */
    Path writeTo(Path directory) throws IOException {
        Files.createDirectories(directory);
        String chartFile = LATEST + ".svg";
        Files.writeString(directory.resolve(chartFile), chart());
        return Files.writeString(directory.resolve(LATEST + ".md"), markdown(chartFile));
    }

    String markdown(String chartFile) {
        var md = new StringBuilder();
        md.append("# Outbox relay benchmark, ").append(HEADING_TIME.format(results.startedAt())).append("\n\n");
        md.append("Written by `java -jar deploy/benchmarks/target/benchmarks.jar relay` ")
                .append("(see [the README](../README.md)); rerun it rather than editing this file. All figures ")
                .append("come from one run on one machine: compare them with each other, not with other machines.\n\n");
        machine(md);
        parameters(md);
        throughput(md);
        compression(md);
        race(md);
        md.append("![Throughput, bytes per event and latency](").append(chartFile).append(")\n\n");
        latency(md);
        md.append("## Targets\n\n").append(Target.table(results.targets())).append('\n');
        bottleneck(md);
        return md.toString();
    }

    private void machine(StringBuilder md) {
        var machine = results.machine();
        md.append("## Machine\n\n| | |\n|---|---|\n");
        row(md, "CPU cores", String.valueOf(machine.cores()));
        row(md, "CPU", machine.cpu());
        row(md, "OS", machine.os());
        row(md, "JVM", machine.jvm());
        row(md, "Database", machine.postgres());
        row(md, "Kafka", machine.kafka());
        md.append("\nBroker, database server, relays, writers and consumer all share these cores.\n\n");
    }

    private void parameters(StringBuilder md) {
        var options = results.options();
        md.append("## Parameters\n\n");
        md.append(String.format(Locale.ROOT, """
                - Events: real `OrderPlaced.v3` envelopes (%d-byte JSON payload, the CloudEvents headers the relay \
                writes), each its own order, so keys spread over every lane and partition.
                - Throughput: %,d events per measurement, after a warm-up of %,d events through each path. Topic \
                `%s` with %d partitions; producer settings from `RelayProducer.create` (acks=all, idempotent, \
                5 requests in flight, compression.type=%s, linger.ms=%d) unless a setup says otherwise.
                - Raw producer: sends every event, then waits for every acknowledgement; the median of %d runs.
                - Relay: the events are first committed to the outbox, %d per transaction through the reactive \
                pool (not timed in the throughput), then the relays are started and timed until `outbox` is empty; \
                each setup is the median of %d such runs. Relay idle wait 1 s, each relay with its own producer. Connections: `PGSimpleDataSource` (a new \
                connection, hence a new server process with cold caches, for every batch, as in the relay's tests) \
                unless the setup says *pooled*: an Agroal pool, which is what quarkus-events gives the relay \
                inside a service.
                - Latency: %d events/s for %d s, one event at a time. Raw: created then sent at once. Relay: each \
                committed alone in its own transaction while one relay runs, the outbox vacuumed before each \
                relay's run (the throughput runs leave millions of dead rows, which autovacuum would have \
                cleared from a service's outbox by then). Measured per event from its `ce_time` (set just before \
                the send or the commit) to its consumption by a consumer in the same JVM, so it includes the \
                commit.
                - Compression: the raw producer and the reference relay again with each producer compression; \
                bytes per event are what the topic's log grew by on the broker (record batches as written, \
                compressed or not) over the events the relay published.
                - Writers against the relay: %,d events, each committed in a transaction of its own as a service's \
                state change is (`EventStore.append`), from a reactive pool of %d connections with %d in flight, \
                while the reference relay runs.

                """, OrderEvents.placed("size-probe").data().length(), options.events(), options.warmupEvents(),
                OrderEvents.TOPIC, BenchmarkInfrastructure.TOPIC_PARTITIONS, results.producer().compression(),
                results.producer().lingerMs(), Benchmarks.RAW_REPETITIONS,
                RelayPath.EVENTS_PER_INSERT_TRANSACTION, Benchmarks.RELAY_REPETITIONS,
                options.latencyRate(), options.latencyTime().toSeconds(), options.writerEvents(),
                ServiceWriters.POOL_SIZE, ServiceWriters.IN_FLIGHT));
    }

    private void throughput(StringBuilder md) {
        var raw = results.raw();
        md.append("## Throughput\n\n");
        md.append("| path | events | time | events/s | relay / raw |\n|---|---:|---:|---:|---:|\n");
        throughputRow(md, raw, raw);
        for (var drain : results.drains()) {
            throughputRow(md, drain.throughput(), raw);
        }
        var reference = results.referenceRelay();
        var meeting = results.drains().stream().filter(results::meetsTarget)
                .map(drain -> drain.throughput().label()).toList();
        md.append(String.format(Locale.ROOT, """

                The relay as a service runs it (%s) reaches **%.0f%%** of the raw producer (%,.0f vs %,.0f \
                events/s; target %.0f%%, stretch %.0f%%). %s

                """, reference.throughput().label(), 100 * reference.throughput().ratioTo(raw),
                reference.throughput().eventsPerSecond(), raw.eventsPerSecond(), 100 * RelayResults.TARGET_RATIO,
                100 * RelayResults.STRETCH_RATIO, meeting.isEmpty() ? "No setup measured meets the target."
                        : "Setups that meet the target: " + String.join("; ", meeting) + "."));
        var withoutKafka = results.withoutKafka().throughput();
        double slower = Math.min(withoutKafka.eventsPerSecond(), raw.eventsPerSecond());
        md.append(String.format(Locale.ROOT, """
                **Without Kafka.** The same relay with a producer that acknowledges every record at once (Kafka's \
                client stand-in, nothing sent) empties the outbox at %s events/s (%.2f of the raw producer): the \
                relay's own work and the database's. With Kafka's work as well, the relay lies between two marks: \
                about %s events/s (%.2f of the raw producer) if every event cost both, one after the other, on \
                the same cores, and %s events/s, the slower of the two, if they overlapped entirely. It reached \
                %.2f× the first mark and %.2f of the second.

                """, perSecond(withoutKafka), withoutKafka.ratioTo(raw), perSecond(results.sharedCoresBound()),
                results.sharedCoresBound() / raw.eventsPerSecond(), perSecond(slower),
                reference.throughput().eventsPerSecond() / results.sharedCoresBound(),
                reference.throughput().eventsPerSecond() / slower));
    }

    private void compression(StringBuilder md) {
        md.append("## Producer compression\n\nThe reference relay and the raw producer with each compression, "
                + "the relay's other settings unchanged; bytes per event on the broker from the relay's runs.\n\n"
                + "| compression | raw events/s | relay events/s | relay / raw | bytes per event on the broker "
                + "| of uncompressed |\n|---|---:|---:|---:|---:|---:|\n");
        double uncompressed = results.compressions().stream().filter(run -> run.codec().equals("none"))
                .mapToDouble(run -> run.relay().bytesPerEvent()).findFirst().orElse(Double.NaN);
        for (var run : results.compressions()) {
            var relay = run.relay().throughput();
            md.append(String.format(Locale.ROOT, "| %s%s | %,.0f | %,.0f | %.2f | %,.0f | %.0f%% |%n", run.codec(),
                    run.codec().equals(results.producer().compression()) ? " (the relay's)" : "",
                    run.raw().eventsPerSecond(), relay.eventsPerSecond(), relay.ratioTo(run.raw()),
                    run.relay().bytesPerEvent(), 100 * run.relay().bytesPerEvent() / uncompressed));
        }
        md.append('\n');
    }

    private void race(StringBuilder md) {
        var race = results.race();
        var writers = race.writers();
        md.append(String.format(Locale.ROOT, "## Writers against the relay%n%nA service's writers (%d connections) "
                        + "committed %,d events at %,.0f events/s while the reference relay ran; %,d were still in the "
                        + "outbox when they were done, published %s later. The relay empties a full outbox at %,.0f "
                        + "events/s: **%.2f× the writers' rate** (target %.1f×).%n%n", ServiceWriters.POOL_SIZE,
                writers.events(), writers.eventsPerSecond(), race.leftOver(), millis(race.emptiedIn()),
                results.referenceRelay().throughput().eventsPerSecond(), results.drainOverFill(),
                RelayResults.DRAIN_OVER_FILL));
    }

    private void latency(StringBuilder md) {
        md.append("## Commit-to-Kafka latency\n\n");
        md.append("| path | linger | events | p50 | p95 | p99 | max |\n|---|---:|---:|---:|---:|---:|---:|\n");
        results.latencies().forEach(path -> latencyRow(md, path));
        md.append('\n');
        for (var pair : results.lingerPairs()) {
            var raw = pair.raw().latency();
            var relay = pair.relay().latency();
            md.append(String.format(Locale.ROOT, "- linger %d ms: the relay's median is %s above sending directly "
                            + "(%.1f× the raw median), its p99 %.2f× the raw p99.%n", pair.lingerMs(),
                    millis(relay.p50().minus(raw.p50())), ratio(relay.p50(), raw.p50()), pair.p99Ratio()));
        }
        md.append('\n');
    }

    private void bottleneck(StringBuilder md) {
        md.append("## Where the relay's time goes\n\n");
        md.append("Time of the relay threads (drain time × relays × workers) by phase, measured by timing proxies around the "
                + "relay's DataSource and producer; the relay code runs unchanged.\n\n");
        md.append("| phase |");
        results.profiled().forEach(drain -> md.append(' ').append(drain.throughput().label()).append(" |"));
        md.append("\n|---|");
        results.profiled().forEach(drain -> md.append("---:|"));
        md.append('\n');
        for (var phase : RelayPhase.values()) {
            phaseRow(md, phase.description(), drain -> drain.share(phase));
        }
        phaseRow(md, "not in a measured call (row mapping, metrics, idle waits)", RelayDrain::unmeasuredShare);
        md.append('\n');
        results.profiled().forEach(drain -> md.append(summary(drain)));
        md.append('\n');
    }

    private static String summary(RelayDrain drain) {
        double database = DATABASE_PHASES.stream().mapToDouble(drain::share).sum();
        double kafka = KAFKA_PHASES.stream().mapToDouble(drain::share).sum();
        var largest = EnumSet.allOf(RelayPhase.class).stream()
                .max((a, b) -> Double.compare(drain.share(a), drain.share(b))).orElseThrow();
        int batchSize = drain.setup().batchSize();
        long batches = Math.max(1, (drain.throughput().events() + batchSize - 1) / batchSize);
        return String.format(Locale.ROOT, "- %s: %.0f%% in PostgreSQL calls, %.0f%% in Kafka calls (%.0f%% "
                        + "waiting for acks); largest phase \"%s\" (%.0f%%); about %s per batch of %d.%n",
                drain.throughput().label(), 100 * database, 100 * kafka, 100 * drain.share(RelayPhase.ACK_WAIT),
                largest.description(), 100 * drain.share(largest),
                millis(drain.relayThreadTime().dividedBy(batches)), batchSize);
    }

    String chart() {
        var raw = results.raw();
        var throughputBars = new ArrayList<Bar>();
        throughputBars.add(new Bar(raw.label(), raw.eventsPerSecond(), perSecond(raw), RAW_COLOR));
        for (var drain : results.drains()) {
            var throughput = drain.throughput();
            String valueText = String.format(Locale.ROOT, "%s (%.0f%% of raw)", perSecond(throughput),
                    100 * throughput.ratioTo(raw));
            throughputBars.add(new Bar(throughput.label(), throughput.eventsPerSecond(), valueText,
                    color(drain.setup())));
        }
        var bytesBars = results.compressions().stream().map(run -> new Bar(run.codec(), run.relay().bytesPerEvent(),
                String.format(Locale.ROOT, "%,.0f bytes", run.relay().bytesPerEvent()), RELAY_COLOR)).toList();
        var latencyBars = new ArrayList<Bar>();
        addLatencyBars(latencyBars, "p50", LatencySummary::p50);
        addLatencyBars(latencyBars, "p95", LatencySummary::p95);
        addLatencyBars(latencyBars, "p99", LatencySummary::p99);
        var machine = results.machine();
        return new SvgBarChart()
                .panel("Throughput, events/s (higher is better)", throughputBars, throughputBars.size(),
                        new Marker(raw.eventsPerSecond() * RelayResults.TARGET_RATIO,
                                String.format(Locale.ROOT, "target: %.1f of raw", RelayResults.TARGET_RATIO)))
                .panel("Bytes per event on the broker, by producer compression (lower is better)", bytesBars,
                        bytesBars.size(), null)
                .panel(String.format(Locale.ROOT, "Commit-to-Kafka latency at %d events/s, ms (lower is better)",
                        results.options().latencyRate()), latencyBars,
                        results.latencies().size(), null)
                .note(HEADING_TIME.format(results.startedAt()) + ", " + machine.cores() + " cores, "
                        + results.options().events() + " events per throughput measurement")
                .note(machine.postgres())
                .note(machine.kafka())
                .render();
    }

    private void addLatencyBars(List<Bar> bars, String percentile, Function<LatencySummary, Duration> value) {
        for (int n = 0; n < results.latencies().size(); n++) {
            var path = results.latencies().get(n);
            var latency = value.apply(path.latency());
            bars.add(new Bar(path.name() + " " + percentile, latency.toNanos() / 1e6, millis(latency),
                    path.relay() == null ? RAW_COLOR : color(path.relay())));
        }
    }

    private static String color(RelaySetup setup) {
        return setup.pooled() ? POOLED_RELAY_COLOR : RELAY_COLOR;
    }

    private void phaseRow(StringBuilder md, String label, ToDoubleFunction<RelayDrain> share) {
        md.append("| ").append(label).append(" |");
        results.profiled().forEach(drain ->
                md.append(String.format(Locale.ROOT, " %.1f%% |", 100 * share.applyAsDouble(drain))));
        md.append('\n');
    }

    private static void row(StringBuilder md, String name, String value) {
        md.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    private static void throughputRow(StringBuilder md, Throughput throughput, Throughput raw) {
        md.append(String.format(Locale.ROOT, "| %s | %,d | %s | %,.0f | %.2f |%n", throughput.label(),
                throughput.events(), millis(throughput.elapsed()), throughput.eventsPerSecond(),
                throughput.ratioTo(raw)));
    }

    private static void latencyRow(StringBuilder md, PathLatency path) {
        var latency = path.latency();
        md.append(String.format(Locale.ROOT, "| %s (%s) | %d ms | %,d | %s | %s | %s | %s |%n", path.name(),
                path.span(), path.lingerMs(), latency.count(),
                millis(latency.p50()), millis(latency.p95()), millis(latency.p99()), millis(latency.max())));
    }

    private static String perSecond(Throughput throughput) {
        return perSecond(throughput.eventsPerSecond());
    }

    private static String perSecond(double eventsPerSecond) {
        return String.format(Locale.ROOT, "%,.0f", eventsPerSecond);
    }

    static String millis(Duration duration) {
        return String.format(Locale.ROOT, "%.1f ms", duration.toNanos() / 1e6);
    }

    private static double ratio(Duration numerator, Duration denominator) {
        return (double) numerator.toNanos() / denominator.toNanos();
    }
}
