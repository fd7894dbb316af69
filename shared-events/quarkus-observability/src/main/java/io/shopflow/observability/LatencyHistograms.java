package io.shopflow.observability;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Latency histograms (Prometheus buckets) on the timers operators graph and alert on: from the buckets,
 * Prometheus computes p50, p95 or p99 over any window and across all instances of a service
 * ({@code histogram_quantile}), which percentiles computed inside each process cannot be combined into.
 */
@Singleton
class LatencyHistograms {

    @Produces
    @Singleton
    MeterFilter histograms(MetricsConfig config) {
        return of(config);
    }

    static MeterFilter of(MetricsConfig config) {
        var buckets = DistributionStatisticConfig.builder()
                .percentilesHistogram(true)
                .minimumExpectedValue((double) config.minimum().toNanos())
                .maximumExpectedValue((double) config.maximum().toNanos())
                .build();
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig configured) {
                boolean histogram = id.getType() == Meter.Type.TIMER
                        && config.timers().stream().anyMatch(id.getName()::startsWith);
                return histogram ? buckets.merge(configured) : configured;
            }
        };
    }
}
