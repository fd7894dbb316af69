package io.shopflow.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How many of the machine's cores were busy over a phase, and whose work kept them so: the services, PostgreSQL's
 * processes, this JVM (the benchmark's clients and its Kafka broker) and the rest (the system, anything else). With
 * every core busy the rate cannot rise without less CPU per order, however many commits the database could take.
 * Linux counts every core's time in {@code /proc/stat}; where it cannot be read the figures are absent.
 */
final class CoresBusy {

    private static final Path STAT = Path.of("/proc/stat");
    /** {@code /proc/stat}'s first line: "cpu  user nice system idle iowait irq softirq steal ...", in ticks. */
    private static final int IDLE = 3;
    private static final int IOWAIT = 4;
    private static final int FIRST_NOT_SUMMED = 8;
    /** A line of one core's ticks ("cpu0 ..."), after the first line's sums over all of them ("cpu ..."). */
    private static final Pattern ONE_CORE = Pattern.compile("cpu\\d+ ");

    private CoresBusy() {
    }

    /**
     * @param cores     the cores {@code /proc/stat} counts: those its ticks are of (a container's CPU limit does not
     *                  change them, where it changes what the JVM reports as its processors)
     * @param busyTicks every core's time not idle (nor waiting for I/O), in clock ticks, since boot
     * @param allTicks  every core's time, in clock ticks, since boot
     * @param services  the service processes' CPU time so far
     * @param benchmark this JVM's CPU time so far: the benchmark's clients and, running in it, the Kafka broker
     * @param postgres  each PostgreSQL process's CPU time so far, by pid
     */
    record Reading(long nanoTime, int cores, long busyTicks, long allTicks, Duration services, Duration benchmark,
                   Map<Long, Duration> postgres) {
    }

    /**
     * Cores busy on average over a phase: all of them, and those the services, PostgreSQL and this JVM kept busy
     * (a PostgreSQL process that started or ended within the phase is not counted).
     */
    record Share(int cores, double busy, double services, double postgres, double benchmark) {

        /** The system's and anything else's: what none of the named processes accounts for. */
        double rest() {
            return Math.max(0, busy - services - postgres - benchmark);
        }
    }

    /** Now, or nothing where {@code /proc/stat} cannot be read. */
    static Optional<Reading> read(Collection<ProcessHandle> services) {
        long[] ticks;
        int cores;
        try {
            var lines = Files.readAllLines(STAT);
            ticks = Arrays.stream(lines.get(0).trim().split("\\s+")).skip(1).limit(FIRST_NOT_SUMMED)
                    .mapToLong(Long::parseLong).toArray();
            cores = (int) lines.stream().filter(line -> ONE_CORE.matcher(line).lookingAt()).count();
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
        if (ticks.length < FIRST_NOT_SUMMED || cores == 0) {
            return Optional.empty();
        }
        long all = Arrays.stream(ticks).sum();
        return Optional.of(new Reading(System.nanoTime(), cores, all - ticks[IDLE] - ticks[IOWAIT], all,
                cpu(services.stream()), cpu(Stream.of(ProcessHandle.current())), postgresProcesses()));
    }

    /** The share over the phase between two readings. */
    static Optional<Share> between(Optional<Reading> before, Optional<Reading> after) {
        if (before.isEmpty() || after.isEmpty()) {
            return Optional.empty();
        }
        var from = before.get();
        var to = after.get();
        double seconds = Math.max(1e-9, (to.nanoTime() - from.nanoTime()) / 1e9);
        int cores = to.cores();
        double busy = cores * (double) (to.busyTicks() - from.busyTicks())
                / Math.max(1, to.allTicks() - from.allTicks());
        var postgres = to.postgres().entrySet().stream().filter(pid -> from.postgres().containsKey(pid.getKey()))
                .map(pid -> pid.getValue().minus(from.postgres().get(pid.getKey())))
                .reduce(Duration.ZERO, Duration::plus);
        return Optional.of(new Share(cores, busy, coresOver(to.services().minus(from.services()), seconds),
                coresOver(postgres, seconds), coresOver(to.benchmark().minus(from.benchmark()), seconds)));
    }

    private static double coresOver(Duration cpu, double seconds) {
        return cpu.toNanos() / 1e9 / seconds;
    }

    private static Duration cpu(Stream<ProcessHandle> processes) {
        return processes.map(process -> process.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** The server and its backends, whether the system's PostgreSQL or the embedded one: the same binary. */
    private static Map<Long, Duration> postgresProcesses() {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().command().map(command -> command.endsWith("/postgres")).orElse(false))
                .collect(Collectors.toMap(ProcessHandle::pid,
                        process -> process.info().totalCpuDuration().orElse(Duration.ZERO), (a, b) -> a));
    }
}
