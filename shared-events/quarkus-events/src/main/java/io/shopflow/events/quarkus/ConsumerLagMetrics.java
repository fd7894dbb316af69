package io.shopflow.events.quarkus;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;

/**
 * The lag of the service's consumer groups, per group, topic and partition, as last read ({@link ConsumerLagSampler}):
 * {@code shopflow_events_consumer_lag_records} and {@code shopflow_events_consumer_lag_seconds}, the age of the oldest
 * record the group has not committed past. A partition that leaves the group's topics leaves the gauges.
 */
final class ConsumerLagMetrics {

    private final MultiGauge records;
    private final MultiGauge seconds;

    ConsumerLagMetrics(MeterRegistry registry) {
        records = MultiGauge.builder("shopflow.events.consumer.lag.records")
                .description("Records after the consumer group's committed offset on the partition")
                .baseUnit("records")
                .register(registry);
        seconds = MultiGauge.builder("shopflow.events.consumer.lag.seconds")
                .description("Age of the oldest record after the consumer group's committed offset; 0 when none waits")
                .baseUnit("seconds")
                .register(registry);
    }

    void update(List<PartitionLag> lags) {
        records.register(lags.stream().map(lag -> MultiGauge.Row.of(tags(lag), lag.records())).toList(), true);
        seconds.register(lags.stream().filter(lag -> lag.behind().isPresent())
                .map(lag -> MultiGauge.Row.of(tags(lag), lag.behind().get().toMillis() / 1000.0)).toList(), true);
    }

    private static Tags tags(PartitionLag lag) {
        return Tags.of("group", lag.group(), "topic", lag.partition().topic(),
                "partition", Integer.toString(lag.partition().partition()));
    }
}
