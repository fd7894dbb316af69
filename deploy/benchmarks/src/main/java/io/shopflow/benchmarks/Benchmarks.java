package io.shopflow.benchmarks;

import io.shopflow.benchmarks.RelayResults.CompressionRun;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Entry point of the benchmarks jar: {@code relay [options]} measures the outbox relay against a raw producer
 * on a real broker and a real PostgreSQL; {@code gateway} measures the api-gateway's cost on one REST query;
 * {@code queries} measures one user-service query over gRPC and over
 * REST/JSON; {@code saga} the order flow end to end against the synchronous chain; {@code sealing} the cost of
 * sealing personal data per event. Each writes a report, most with a chart (see the module's README).
 */
public final class Benchmarks {

    /** Longest wait for events to reach Kafka before a measurement is declared broken. */
    static final Duration DELIVERY_TIMEOUT = Duration.ofMinutes(2);

    /**
     * One relay as quarkus-events runs it inside a service, with the defaults of shopflow.events.relay.* (four
     * workers, batch 1000) on pooled connections: the reference.
     */
    static final RelaySetup REFERENCE = new RelaySetup(1, 4, 1000, true);
    /** The same relay with a single worker: what overlapping lanes gains. */
    private static final RelaySetup ONE_WORKER = new RelaySetup(1, 1, 1000, true);
    /** The setups whose throughput is compared, the reference first. */
    private static final List<RelaySetup> THROUGHPUT_SETUPS = List.of(
            REFERENCE,
            ONE_WORKER,
            new RelaySetup(1, 4, 500, true),
            new RelaySetup(1, 4, 2000, true),
            new RelaySetup(1, 1, 100, true),
            new RelaySetup(2, 2, 1000, true),
            new RelaySetup(1, 4, 1000, false));
    /**
     * The raw producer sends the events in under a second, short enough for a hiccup of the shared machine (or
     * the JIT still at work) to move the result by half: the median of a few runs is the baseline. A relay run
     * lasts seconds.
     */
    static final int RAW_REPETITIONS = 5;
    /**
     * A relay setup is measured this many times and its median run reported: single runs of the same setup were
     * seen to differ by a third on the shared cores.
     */
    static final int RELAY_REPETITIONS = 3;
    /** The quickest setup: warms the relay's code path (JDBC, the relay, the producer) in a few seconds. */
    private static final RelaySetup WARM_UP = REFERENCE;
    /** The setups whose latency is measured with the relay's producer settings. */
    private static final List<RelaySetup> LATENCY_SETUPS = List.of(REFERENCE, ONE_WORKER);
    /** The producer compressions compared, on the reference relay and the raw producer (compression.type). */
    private static final List<String> COMPRESSIONS = List.of("none", "lz4", "zstd");
    /** The producer lingers compared for latency at rest (linger.ms). */
    private static final List<Long> LINGERS = List.of(0L, 5L);

    private Benchmarks() {
    }

    public static void main(String[] args) {
        BenchmarkLogging.configure();
        int exitCode;
        try {
            exitCode = run(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(BenchmarkOptions.USAGE);
            exitCode = 2;
        } catch (Exception e) {
            e.printStackTrace();
            exitCode = 1;
        }
        // Explicitly: the broker keeps non-daemon threads alive.
        System.exit(exitCode);
    }

    private static int run(List<String> args) throws Exception {
        if (!args.isEmpty() && args.get(0).equals("queries")) {
            boolean gzip = args.subList(1, args.size()).contains("--gzip");
            var reports = QueryBenchmark.protocols(Path.of("").toAbsolutePath(), Path.of("deploy/benchmarks/results"),
                    gzip);
            System.out.println("Reports: " + reports);
            return 0;
        }
        if (!args.isEmpty() && args.get(0).equals("saga")) {
            var report = SagaBenchmark.run(Path.of("").toAbsolutePath(), SagaOptions.parse(args.subList(1, args.size())));
            System.out.println("Report: " + report);
            return 0;
        }
        if (!args.isEmpty() && args.get(0).equals("gateway")) {
            var reports = QueryBenchmark.gateway(Path.of("").toAbsolutePath(), Path.of("deploy/benchmarks/results"));
            System.out.println("Reports: " + reports);
            return 0;
        }
        if (!args.isEmpty() && args.get(0).equals("sealing")) {
            var report = SealingBenchmark.run(SealingOptions.parse(args.subList(1, args.size())));
            System.out.println("Report: " + report);
            return 0;
        }
        if (args.isEmpty() || !args.get(0).equals("relay")) {
            throw new IllegalArgumentException(
                    "Unknown or missing benchmark; there are: relay, queries, gateway, saga, sealing");
        }
        var options = BenchmarkOptions.parse(args.subList(1, args.size()));
        var infrastructure = BenchmarkInfrastructure.start();
        // Ctrl-C skips the finally below; the hook drops the database and stops the broker then too.
        var cleanUp = new Thread(infrastructure::close, "benchmark-clean-up");
        Runtime.getRuntime().addShutdownHook(cleanUp);
        try {
            var results = measure(infrastructure, options);
            var report = new RelayReport(results).writeTo(options.resultsDir());
            System.out.println("Report: " + report);
            return 0;
        } finally {
            infrastructure.close();
            Runtime.getRuntime().removeShutdownHook(cleanUp);
        }
    }

    private static RelayResults measure(BenchmarkInfrastructure infrastructure, BenchmarkOptions options)
            throws Exception {
        var startedAt = Instant.now();
        var raw = new RawProducerPath(infrastructure.bootstrapServers());
        var relay = new RelayPath(infrastructure);
        var defaults = ProducerTuning.RELAY_DEFAULTS.effective(infrastructure.bootstrapServers());
        if (options.warmupEvents() > 0) {
            progress("warming up both paths with " + options.warmupEvents() + " events");
            raw.throughput("warm-up", OrderEvents.batch("warmup-raw", options.warmupEvents()));
            relay.drain(WARM_UP, OrderEvents.batch("warmup-relay", options.warmupEvents()));
        }
        var rawThroughput = rawThroughput(raw, options);
        var setups = new ArrayList<>(THROUGHPUT_SETUPS);
        setups.add(REFERENCE.withoutKafka());
        var drains = relayDrainsInTurn(relay, setups, options);
        var withoutKafka = drains.remove(drains.size() - 1);
        var compressions = new ArrayList<CompressionRun>();
        for (String codec : COMPRESSIONS) {
            // The relay's own compression is the reference measured above.
            compressions.add(codec.equals(defaults.compression())
                    ? new CompressionRun(codec, rawThroughput, drains.get(0))
                    : new CompressionRun(codec, rawThroughput(raw.with(ProducerTuning.compression(codec)), options),
                    relayDrain(relay, REFERENCE.with(ProducerTuning.compression(codec)), options)));
        }
        progress("a service's writers (" + ServiceWriters.POOL_SIZE + " connections) committing "
                + options.writerEvents() + " events while " + REFERENCE.label() + " runs");
        var race = relay.race(REFERENCE, OrderEvents.batch("race-" + UUID.randomUUID(), options.writerEvents()));
        progress(race.writers());
        var latencies = latencies(raw, relay, options, defaults.lingerMs());
        return new RelayResults(startedAt, MachineFacts.of(infrastructure), options, defaults, rawThroughput, drains,
                withoutKafka, compressions, race, latencies);
    }

    private static Throughput rawThroughput(RawProducerPath raw, BenchmarkOptions options) throws Exception {
        var runs = new ArrayList<Throughput>();
        var events = OrderEvents.batch("raw", options.events());
        for (int run = 1; run <= RAW_REPETITIONS; run++) {
            progress(raw.label() + ", " + options.events() + " events, run " + run + " of " + RAW_REPETITIONS);
            var throughput = raw.throughput(raw.label(), events);
            progress(throughput);
            runs.add(throughput);
        }
        return Throughput.median(runs);
    }

    /** The median of {@link #RELAY_REPETITIONS} drains of {@code setup}. */
    private static RelayDrain relayDrain(RelayPath relay, RelaySetup setup, BenchmarkOptions options)
            throws Exception {
        return relayDrainsInTurn(relay, List.of(setup), options).get(0);
    }

    /**
     * The median of {@link #RELAY_REPETITIONS} drains of each of {@code setups}, in their order, run in turns (one
     * drain of each, then the next round): the machine got faster over a run's minutes, and a setup's three runs
     * back to back caught one stretch of it, the first setup measured the slowest.
     */
    private static List<RelayDrain> relayDrainsInTurn(RelayPath relay, List<RelaySetup> setups,
                                                      BenchmarkOptions options) throws Exception {
        var runs = new ArrayList<List<RelayDrain>>();
        setups.forEach(setup -> runs.add(new ArrayList<>()));
        for (int run = 1; run <= RELAY_REPETITIONS; run++) {
            for (int n = 0; n < setups.size(); n++) {
                var setup = setups.get(n);
                progress(setup.label() + ", " + options.events() + " events, run " + run + " of " + RELAY_REPETITIONS);
                var drain = relay.drain(setup, OrderEvents.batch("drain-" + UUID.randomUUID(), options.events()));
                progress(drain.throughput());
                runs.get(n).add(drain);
            }
        }
        var medians = new ArrayList<RelayDrain>();
        for (var setupRuns : runs) {
            var middle = Throughput.median(setupRuns.stream().map(RelayDrain::throughput).toList());
            medians.add(setupRuns.stream().filter(drain -> drain.throughput() == middle).findFirst().orElseThrow());
        }
        return medians;
    }

    /**
     * The raw producer's and each of {@link #LATENCY_SETUPS} with the relay's producer settings, then the raw
     * producer's and the reference relay's at each other of {@link #LINGERS}.
     */
    private static List<PathLatency> latencies(RawProducerPath raw, RelayPath relay, BenchmarkOptions options,
                                               long defaultLinger) throws Exception {
        var latencies = new ArrayList<PathLatency>();
        latencies.add(rawLatency(raw, defaultLinger, options));
        for (var setup : LATENCY_SETUPS) {
            latencies.add(relayLatency(relay, setup, defaultLinger, options));
        }
        for (long linger : LINGERS) {
            if (linger != defaultLinger) {
                latencies.add(rawLatency(raw.with(ProducerTuning.linger(linger)), linger, options));
                latencies.add(relayLatency(relay, REFERENCE.with(ProducerTuning.linger(linger)), linger, options));
            }
        }
        return latencies;
    }

    private static PathLatency rawLatency(RawProducerPath raw, long linger, BenchmarkOptions options)
            throws Exception {
        progress("latency, " + raw.label() + ", " + pace(options));
        return PathLatency.raw(raw, linger, raw.latency("latency-raw-" + UUID.randomUUID(), options.latencyRate(),
                options.latencyTime()));
    }

    private static PathLatency relayLatency(RelayPath relay, RelaySetup setup, long linger, BenchmarkOptions options)
            throws Exception {
        progress("latency, " + setup.label() + ", " + pace(options));
        return PathLatency.relay(setup, linger, relay.latency(setup, "latency-relay-" + UUID.randomUUID(),
                options.latencyRate(), options.latencyTime()));
    }

    private static String pace(BenchmarkOptions options) {
        return options.latencyRate() + " events/s for " + options.latencyTime().toSeconds() + " s";
    }

    private static void progress(Throughput throughput) {
        progress(String.format("  %s: %,.0f events/s", throughput.label(), throughput.eventsPerSecond()));
    }

    static void progress(String message) {
        System.out.println(message);
    }
}
