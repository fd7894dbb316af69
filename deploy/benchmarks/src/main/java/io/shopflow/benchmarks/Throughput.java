package io.shopflow.benchmarks;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/** How long one path took to get {@code events} events acknowledged by Kafka. */
record Throughput(String label, int events, Duration elapsed) {

    double eventsPerSecond() {
        return events / (elapsed.toNanos() / 1e9);
    }

    /** The run in the middle by events/s; of an even number of runs, the slower of the two middle ones. */
    static Throughput median(List<Throughput> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("No runs");
        }
        var sorted = runs.stream().sorted(Comparator.comparingDouble(Throughput::eventsPerSecond)).toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    /** This throughput as a fraction of {@code baseline}'s. */
    double ratioTo(Throughput baseline) {
        return eventsPerSecond() / baseline.eventsPerSecond();
    }
}
