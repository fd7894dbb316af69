package io.shopflow.benchmarks;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the services spend with no order in flight: their consumers' polls, timers and samplers, the JIT compilers
 * finishing what the load before gave them. Read over the pauses the benchmark waits anyway
 * ({@link CommitMeter#settle()}), so it costs the run no time. At R orders/s, X ms of CPU a second at rest is X / R ms
 * of each order's CPU: the part of a low rate's CPU per order that no change to an order's own path removes.
 */
final class RestingCpu {

    private final CpuMeter cpu;
    private final Map<String, Duration> spent = new LinkedHashMap<>();
    private Duration elapsed = Duration.ZERO;

    RestingCpu(CpuMeter cpu) {
        this.cpu = cpu;
    }

    /** {@link CommitMeter#settle()}, adding what each process spent meanwhile. */
    void settle() throws InterruptedException {
        var before = cpu.read();
        long started = System.nanoTime();
        CommitMeter.settle();
        var after = cpu.read();
        elapsed = elapsed.plusNanos(System.nanoTime() - started);
        after.forEach((name, now) -> {
            var then = before.get(name);
            if (then != null) {
                spent.merge(name, now.minus(then), Duration::plus);
            }
        });
    }

    /** What each process spent a second at rest so far. */
    Reading reading() {
        var perSecond = new LinkedHashMap<String, Double>();
        double seconds = elapsed.toNanos() / 1e9;
        spent.forEach((name, cpuTime) -> perSecond.put(name, cpuTime.toNanos() / 1e6 / Math.max(1e-9, seconds)));
        return new Reading(elapsed, perSecond);
    }

    /**
     * @param over            the time at rest measured
     * @param millisPerSecond each process's CPU time a second at rest, in ms, in report order
     */
    record Reading(Duration over, Map<String, Double> millisPerSecond) {

        /** All processes' together. */
        double allMillisPerSecond() {
            return millisPerSecond.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }
}
