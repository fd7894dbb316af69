package io.shopflow.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LatencyHistogramsTest {

    private static final MetricsConfig CONFIG = new MetricsConfig() {
        @Override
        public List<String> timers() {
            return List.of("http.server.requests", "shopflow.");
        }

        @Override
        public Duration minimum() {
            return Duration.ofMillis(1);
        }

        @Override
        public Duration maximum() {
            return Duration.ofSeconds(30);
        }
    };

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    {
        registry.config().meterFilter(LatencyHistograms.of(CONFIG));
    }

    private double[] bucketsOf(String timer) {
        var recorded = Timer.builder(timer).register(registry);
        recorded.record(Duration.ofMillis(40));
        return Arrays.stream(recorded.takeSnapshot().histogramCounts())
                .mapToDouble(bucket -> bucket.bucket(TimeUnit.MILLISECONDS)).toArray();
    }

    @Test
    void the_named_timers_get_buckets_from_the_minimum_to_the_maximum() {
        var buckets = bucketsOf("http.server.requests");
        assertThat(buckets).isNotEmpty();
        assertThat(buckets[0]).as("first bucket, ms").isBetween(1.0, 2.0);
        assertThat(buckets[buckets.length - 1]).as("last bucket, ms").isBetween(15_000.0, 30_000.0);
        assertThat(bucketsOf("shopflow.events.consumed")).isNotEmpty();
    }

    @Test
    void other_timers_keep_no_buckets() {
        assertThat(bucketsOf("jvm.gc.pause")).isEmpty();
    }
}
