package io.shopflow.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopflow.benchmarks.QueryBenchmark.Round;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonReportTest {

    private static final LatencySummary LATENCY = LatencySummary.of(new long[] {1_000_000, 2_000_000});

    private static Round round(String protocol, long requests) {
        return new Round(protocol, requests, 0, Duration.ofSeconds(10), LATENCY);
    }

    @Test
    void the_median_round_of_each_way_is_reported_in_the_order_the_ways_ran() {
        var rounds = List.of(round("REST", 300), round("gRPC", 900), round("REST", 100), round("gRPC", 500),
                round("REST", 200), round("gRPC", 700));

        var medians = new ComparisonReport(Instant.now(), "queries", "REST vs gRPC", "test rounds", rounds).medians();

        assertThat(medians).extracting(Round::protocol).containsExactly("REST", "gRPC");
        assertThat(medians).extracting(Round::perSecond).containsExactly(20.0, 70.0);
    }
}
