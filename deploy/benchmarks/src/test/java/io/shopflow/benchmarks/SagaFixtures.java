package io.shopflow.benchmarks;

import io.shopflow.benchmarks.SagaBenchmark.MeasuredAlone;
import io.shopflow.benchmarks.SagaBenchmark.Phase;
import io.shopflow.benchmarks.SagaBenchmark.Results;
import io.shopflow.benchmarks.SagaBenchmark.Timeline;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;

/** Fabricated saga results: what a run of a saga that sustains 10 orders/s would hand its report. */
final class SagaFixtures {

    private SagaFixtures() {
    }

    /** {@code through} in {@code seconds}; of 100 latencies, 98 at {@code p50Millis} and 2 at {@code p99Millis}. */
    static Phase phase(String label, long through, long seconds, long p50Millis, long p99Millis) {
        long[] latencies = LongStream.range(0, 100).map(n -> (n < 98 ? p50Millis : p99Millis) * 1_000_000).toArray();
        return new Phase(label, through, 0, Duration.ofSeconds(seconds), LatencySummary.of(latencies));
    }

    static Map<String, Duration> cpu(long gatewayMillis, long orderMillis) {
        var cpu = new LinkedHashMap<String, Duration>();
        cpu.put("api-gateway", Duration.ofMillis(gatewayMillis));
        cpu.put("order-service", Duration.ofMillis(orderMillis));
        return cpu;
    }

    /** 5/s and 10/s kept up with, 20/s not (15/s ended). */
    static List<SagaStep> steps() {
        return List.of(new SagaStep(5, phase("saga at 5 orders/s: sagas ended", 100, 20, 80, 120), cpu(4, 12),
                        Duration.ofMillis(8)),
                new SagaStep(10, phase("saga at 10 orders/s: sagas ended", 200, 20, 90, 200), cpu(3, 9),
                        Duration.ofMillis(3)),
                new SagaStep(20, phase("saga at 20 orders/s: sagas ended", 300, 20, 2_000, 5_000), cpu(2, 8),
                        Duration.ofMillis(1)));
    }

    static MeasuredAlone alone(double walFlushesPerOrder, double orderTransactions) {
        var transactions = new LinkedHashMap<String, Double>();
        transactions.put("order-service", orderTransactions);
        transactions.put("inventory-service", 3.5);
        return new MeasuredAlone(new SagaStep(10, phase("saga at 10 orders/s, measured alone: sagas ended", 300, 30,
                85, 190), cpu(2, 6), Duration.ofMillis(2)), new CommitMeter.Cost(transactions, walFlushesPerOrder),
                new RecordMeter.Traffic(7.0, Map.of("order-service", 10.0)),
                new RestingCpu.Reading(Duration.ofSeconds(22), Map.of("order-service", 12.5),
                        Map.of(ThreadCpu.Threads.KAFKA_HEARTBEATS, 2.5)),
                Optional.of(new CoresBusy.Share(2, 1.9, 1.1, 0.3, 0.35)));
    }

    /** PostgreSQL alone at 1,000 commits/s; at half the sustained rate, p99 300 ms. */
    static Results results(MeasuredAlone alone) {
        var steps = steps();
        return new Results(Instant.parse("2026-12-03T10:15:00Z"),
                new Throughput("raw producer", 20_000, Duration.ofSeconds(1)),
                new Throughput("raw PostgreSQL", 5_000, Duration.ofSeconds(5)),
                phase("synchronous chain", 10_000, 10, 16, 37),
                phase("synchronous chain, provider slow", 1_550, 10, 205, 223),
                new Phase("synchronous chain, provider down", 0, 5_000, Duration.ofSeconds(10), null),
                steps, steps.get(1), alone, phase("saga at 5 orders/s: sagas ended", 100, 20, 70, 300),
                phase("saga flooded: orders accepted", 870, 10, 371, 813),
                phase("saga flooded: sagas ended", 870, 17, 16_592, 18_936),
                phase("saga, provider down: orders accepted", 1_120, 10, 285, 510),
                new Timeline(new long[] {5, 10, 20}, new long[] {5, 10, 15}, List.of(new SvgTimeline.Mark(0,
                        "saga at 5/s"))), Map.of("order-service", 0L, "inventory-service", 2L));
    }
}
