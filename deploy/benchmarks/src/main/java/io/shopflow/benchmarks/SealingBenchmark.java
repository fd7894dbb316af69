package io.shopflow.benchmarks;

import io.shopflow.benchmarks.SealingResults.CpuRound;
import io.shopflow.benchmarks.SealingResults.PayloadBytes;
import io.shopflow.benchmarks.SealingResults.RelayRound;
import io.shopflow.benchmarks.SealingResults.Way;
import io.shopflow.benchmarks.UserRegistrations.Person;
import io.shopflow.events.EventEnvelope;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * The cost of sealing personal data, per event: {@code UserRegistered} written and read in clear text (v1, the
 * baseline) and sealed (v2), in alternating rounds on one thread, timed by the thread's CPU time; then the same events
 * through the reference outbox relay on a real broker and PostgreSQL, for throughput and bytes on the broker.
 */
final class SealingBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** What the measured code returned, summed, so that the JIT cannot drop it as unused. */
    private long sink;

    private SealingBenchmark() {
    }

    /** Runs it and writes {@code sealing-latest.md}; returns the report's path. */
    static Path run(SealingOptions options) throws Exception {
        var startedAt = Instant.now();
        var registrations = new UserRegistrations();
        var benchmark = new SealingBenchmark();
        var people = registrations.people(options.events());
        var inClear = people.stream().map(registrations::inClear).toList();
        var sealed = people.stream().map(registrations::sealed).toList();
        var payloadBytes = new PayloadBytes(averagePayload(inClear), averagePayload(sealed));
        Benchmarks.progress("warming up every way with " + options.events() + " events");
        benchmark.round(registrations, people, inClear, sealed);
        var cpu = new ArrayList<CpuRound>();
        for (int round = 1; round <= options.rounds(); round++) {
            Benchmarks.progress("CPU per event, round " + round + " of " + options.rounds());
            cpu.addAll(benchmark.round(registrations, people, inClear, sealed));
        }
        if (benchmark.sink == 0) {
            throw new IllegalStateException("The measured code produced nothing");
        }
        var infrastructure = BenchmarkInfrastructure.start();
        // Ctrl-C skips the finally below; the hook drops the database and stops the broker then too.
        var cleanUp = new Thread(infrastructure::close, "benchmark-clean-up");
        Runtime.getRuntime().addShutdownHook(cleanUp);
        try {
            var relay = relayRounds(new RelayPath(infrastructure), registrations, options);
            var results = new SealingResults(startedAt, MachineFacts.of(infrastructure), options, cpu, payloadBytes,
                    relay);
            return new SealingReport(results).writeTo(options.resultsDir());
        } finally {
            infrastructure.close();
            Runtime.getRuntime().removeShutdownHook(cleanUp);
        }
    }

    /** Every way once, each clear way right before its sealed one, so both meet the machine in the same state. */
    private List<CpuRound> round(UserRegistrations registrations, List<Person> people, List<EventEnvelope> inClear,
                                 List<EventEnvelope> sealed) {
        var keys = registrations.emptyKeyCache();
        return List.of(
                timed(Way.WRITE_CLEAR, people, person -> registrations.inClear(person).data().length()),
                timed(Way.WRITE_SEALED, people, person -> registrations.sealed(person).data().length()),
                timed(Way.READ_CLEAR, inClear, envelope -> UserRegistrations.readInClear(envelope).length()),
                timed(Way.READ_SEALED, sealed, envelope -> UserRegistrations.readSealed(envelope, keys).length()));
    }

    private <T> CpuRound timed(Way way, List<T> inputs, ToIntFunction<T> handle) {
        long before = THREADS.getCurrentThreadCpuTime();
        for (var input : inputs) {
            sink += handle.applyAsInt(input);
        }
        return new CpuRound(way, inputs.size(), Duration.ofNanos(THREADS.getCurrentThreadCpuTime() - before));
    }

    /**
     * A warm-up drain of each (a quarter of the events, not reported), then {@code rounds} drains of each, clear
     * first; every drain of new people, so each event is a new user's.
     */
    private static List<RelayRound> relayRounds(RelayPath relay, UserRegistrations registrations,
                                                SealingOptions options) throws Exception {
        var rounds = new ArrayList<RelayRound>();
        int warmUp = Math.max(1, options.events() / 4);
        Benchmarks.progress("warming up the relay with " + warmUp + " events of each");
        drain(relay, registrations, warmUp, registrations::inClear);
        drain(relay, registrations, warmUp, registrations::sealed);
        for (int round = 1; round <= options.rounds(); round++) {
            Benchmarks.progress("relay, " + options.events() + " events each, round " + round + " of "
                    + options.rounds());
            rounds.add(new RelayRound(false, drain(relay, registrations, options.events(), registrations::inClear)));
            rounds.add(new RelayRound(true, drain(relay, registrations, options.events(), registrations::sealed)));
        }
        return rounds;
    }

    private static RelayDrain drain(RelayPath relay, UserRegistrations registrations, int events,
                                    Function<Person, EventEnvelope> write) throws Exception {
        var envelopes = registrations.people(events).stream().map(write).toList();
        return relay.drain(Benchmarks.REFERENCE, envelopes);
    }

    private static double averagePayload(List<EventEnvelope> envelopes) {
        return envelopes.stream().mapToInt(envelope -> envelope.data().getBytes(StandardCharsets.UTF_8).length)
                .average().orElseThrow();
    }
}
