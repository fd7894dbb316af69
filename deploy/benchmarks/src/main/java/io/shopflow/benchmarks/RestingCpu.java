package io.shopflow.benchmarks;

import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the services spend with no order in flight: their Kafka consumers' polls and heartbeats, their timers and
 * samplers, the JIT compilers finishing what the load before gave them. Read over the pauses the benchmark waits
 * anyway ({@link CommitMeter#settle()}), so it costs the run no time; by process, and over all of them by the
 * {@link ThreadCpu.Threads} that took most of it. At R orders/s, X ms of CPU a second at rest is X / R ms of each
 * order's CPU: the part of a low rate's CPU per order that no change to an order's own path removes.
 */
final class RestingCpu {

    private final Map<String, ProcessHandle> processes;
    private final CpuMeter cpu;
    private final Map<String, Duration> spent = new LinkedHashMap<>();
    private final Map<ThreadCpu.Threads, Duration> spentByThreads = new EnumMap<>(ThreadCpu.Threads.class);
    private Duration elapsed = Duration.ZERO;

    /** @param processes by the name the report gives them, in report order */
    RestingCpu(Map<String, ProcessHandle> processes) {
        this.processes = processes;
        this.cpu = new CpuMeter(processes);
    }

    /** {@link CommitMeter#settle()}, adding what each process, and each kind of thread, spent meanwhile. */
    void settle() throws InterruptedException {
        var before = cpu.read();
        var threadsBefore = ThreadCpu.spentBy(processes.values()).orElse(Map.of());
        long started = System.nanoTime();
        CommitMeter.settle();
        var after = cpu.read();
        var threadsAfter = ThreadCpu.spentBy(processes.values()).orElse(Map.of());
        elapsed = elapsed.plusNanos(System.nanoTime() - started);
        after.forEach((name, now) -> add(spent, name, before.get(name), now));
        threadsAfter.forEach((threads, now) -> add(spentByThreads, threads, threadsBefore.get(threads), now));
    }

    /** Adds {@code now - then} (never less than nothing: a thread that ended took its time with it). */
    private static <K> void add(Map<K, Duration> sums, K key, Duration then, Duration now) {
        if (then != null) {
            var difference = now.minus(then);
            sums.merge(key, difference.isNegative() ? Duration.ZERO : difference, Duration::plus);
        }
    }

    /** What each process, and each kind of thread over all of them, spent a second at rest so far. */
    Reading reading() {
        return new Reading(elapsed, perSecond(spent), perSecond(spentByThreads));
    }

    private <K> Map<K, Double> perSecond(Map<K, Duration> sums) {
        var perSecond = new LinkedHashMap<K, Double>();
        double seconds = Math.max(1e-9, elapsed.toNanos() / 1e9);
        sums.forEach((key, cpuTime) -> perSecond.put(key, cpuTime.toNanos() / 1e6 / seconds));
        return perSecond;
    }

    /**
     * @param over            the time at rest measured
     * @param millisPerSecond each process's CPU time a second at rest, in ms, in report order
     * @param byThreads       the processes' CPU time a second at rest, in ms, in threads of each kind
     */
    record Reading(Duration over, Map<String, Double> millisPerSecond, Map<ThreadCpu.Threads, Double> byThreads) {

        /** All processes' together. */
        double allMillisPerSecond() {
            return millisPerSecond.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }
}
