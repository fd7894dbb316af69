package io.shopflow.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopflow.benchmarks.QueryBenchmark.Round;
import java.time.Duration;
import java.time.Instant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonReportTest {

    private static final LatencySummary LATENCY = LatencySummary.of(new long[] {1_000_000, 2_000_000});

    private static Round round(String protocol, long requests) {
        return new Round(protocol, requests, 0, Duration.ofSeconds(10), LATENCY, Map.of());
    }

    @Test
    void the_median_round_of_each_way_is_reported_in_the_order_the_ways_ran() {
        var rounds = List.of(round("REST", 300), round("gRPC", 900), round("REST", 100), round("gRPC", 500),
                round("REST", 200), round("gRPC", 700));

        var medians = new ComparisonReport(Instant.now(), "queries", "REST vs gRPC", "test rounds", rounds).medians();

        assertThat(medians).extracting(Round::protocol).containsExactly("REST", "gRPC");
        assertThat(medians).extracting(Round::perSecond).containsExactly(20.0, 70.0);
    }

    @Test
    void each_round_shows_what_each_watched_process_spent_per_request(@TempDir Path results) throws Exception {
        var direct = new Round("direct", 100, 0, Duration.ofSeconds(10), LATENCY,
                Map.of("user-service", Duration.ofNanos(90_000)));
        var through = new Round("through", 50, 0, Duration.ofSeconds(10), LATENCY,
                Map.of("user-service", Duration.ofNanos(100_000), "api-gateway", Duration.ofNanos(150_000)));

        var report = Files.readString(new ComparisonReport(Instant.now(), "gateway", "gateway", "test rounds",
                List.of(direct, through)).writeTo(results));

        assertThat(report).contains("| CPU/request user-service | CPU/request api-gateway |")
                .contains("| direct | 10 | 1.00 ms | 2.00 ms | 2.00 ms | 2.00 ms | 0 | 90 µs | – |")
                .contains("| through | 5 | 1.00 ms | 2.00 ms | 2.00 ms | 2.00 ms | 0 | 100 µs | 150 µs |");
    }

    @Test
    void a_ratio_of_rounds_with_lost_requests_is_called_unfair(@TempDir Path results) throws Exception {
        var clean = List.of(round("direct", 100), round("through", 80));
        var stalled = List.of(new Round("direct", 40, 3, Duration.ofSeconds(10), LATENCY, Map.of()),
                round("through", 80));

        var cleanReport = Files.readString(new ComparisonReport(Instant.now(), "clean", "gateway", "test rounds", clean)
                .writeTo(results));
        var stalledReport = Files.readString(new ComparisonReport(Instant.now(), "stalled", "gateway", "test rounds",
                stalled).writeTo(results));

        assertThat(cleanReport).contains("**through / direct throughput: 0.80**").doesNotContain("Not a fair comparison");
        assertThat(stalledReport).contains("**through / direct throughput: 2.00**")
                .contains("**Not a fair comparison:** the median rounds had 3 and 0 failures");
    }
}
