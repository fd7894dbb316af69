package io.shopflow.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The CPU time some threads of some processes have spent, picked by name, from Linux's per-thread accounting
 * ({@code /proc/<pid>/task/<tid>/schedstat}, nanoseconds on a CPU). No JVM or JDK tool reports a thread's CPU from
 * outside the process (jcmd's compiler counters are the compilations' elapsed time), hence /proc. A thread that ends
 * between two readings (HotSpot stops idle compiler threads) takes its time with it, so a difference of two readings
 * is at most what was spent: a lower bound.
 */
final class ThreadCpu {

    /** Threads by what they do, each known by a part of its name as Linux keeps it (the first 15 characters). */
    enum Threads {
        /**
         * HotSpot's JIT compilers ("C1 CompilerThread0", "C2 CompilerThread1", ...): how much of a step's CPU went to
         * compiling the code rather than running it. Eight JVMs on two cores compile for minutes after they start; a
         * slow hour measured them at a tenth of a core each four minutes in, half the services' CPU at 5 orders/s.
         */
        JIT_COMPILERS("the JIT compilers", "CompilerThre"),
        /** The Kafka connector's threads, one per consumer ("smallrye-kafka-consumer-thread-N") and per producer. */
        KAFKA_CONNECTOR("the Kafka connector's consumer and producer threads", "smallrye-kafka-"),
        /** Each Kafka consumer's heartbeat thread ("kafka-coordinator-heartbeat-thread | group"). */
        KAFKA_HEARTBEATS("the Kafka consumers' heartbeat threads", "kafka-coordinat");

        private final String description;
        private final String namePart;

        Threads(String description, String namePart) {
            this.description = description;
            this.namePart = namePart;
        }

        String description() {
            return description;
        }
    }

    private ThreadCpu() {
    }

    /** What the {@code threads} now running in {@code processes} have spent; empty where Linux does not say. */
    static Optional<Duration> spentBy(Collection<ProcessHandle> processes, Threads threads) {
        return spentBy(processes).map(byKind -> byKind.get(threads));
    }

    /**
     * What the threads of each kind now running in {@code processes} have spent (every kind, nothing spent as zero),
     * each thread's name and time read once; empty where Linux does not say.
     */
    static Optional<Map<Threads, Duration>> spentBy(Collection<ProcessHandle> processes) {
        var nanos = new long[Threads.values().length];
        for (var process : processes) {
            var tasks = Path.of("/proc", Long.toString(process.pid()), "task");
            if (!Files.isDirectory(tasks)) {
                return Optional.empty();
            }
            try (Stream<Path> all = Files.list(tasks)) {
                all.forEach(thread -> kindOf(read(thread.resolve("comm")))
                        .ifPresent(kind -> nanos[kind.ordinal()] += onCpu(thread)));
            } catch (IOException gone) {
                // The process ended: it spends nothing more.
            }
        }
        var byKind = new EnumMap<Threads, Duration>(Threads.class);
        for (var kind : Threads.values()) {
            byKind.put(kind, Duration.ofNanos(nanos[kind.ordinal()]));
        }
        return Optional.of(byKind);
    }

    private static Optional<Threads> kindOf(String name) {
        return Arrays.stream(Threads.values()).filter(kind -> name.contains(kind.namePart)).findFirst();
    }

    /** The first field of schedstat: the thread's time on a CPU, in ns (0 once the thread has ended). */
    private static long onCpu(Path thread) {
        var fields = read(thread.resolve("schedstat")).trim().split(" ");
        return fields[0].isEmpty() ? 0 : Long.parseLong(fields[0]);
    }

    /** The file's text, or "" for a thread that ended meanwhile. */
    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException ended) {
            return "";
        }
    }
}
