package io.shopflow.benchmarks;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CPU time (user and system) that named processes spend, as the operating system counts it: what a round cost
 * each of them per answered request, which says where a difference in throughput comes from. A process whose CPU
 * time the JVM cannot read is left out.
 */
final class CpuMeter {

    private final Map<String, ProcessHandle> processes;

    /** @param processes by the name the report gives them, in report order */
    CpuMeter(Map<String, ProcessHandle> processes) {
        this.processes = processes;
    }

    /** Each process's CPU time so far. */
    Map<String, Duration> read() {
        var spent = new LinkedHashMap<String, Duration>();
        processes.forEach((name, process) -> process.info().totalCpuDuration().ifPresent(cpu -> spent.put(name, cpu)));
        return spent;
    }

    /** What each process spent between {@code before} and now, per request of {@code requests}. */
    Map<String, Duration> perRequestSince(Map<String, Duration> before, long requests) {
        var perRequest = new LinkedHashMap<String, Duration>();
        read().forEach((name, now) -> {
            var then = before.get(name);
            if (then != null && requests > 0) {
                perRequest.put(name, now.minus(then).dividedBy(requests));
            }
        });
        return perRequest;
    }
}
