package io.shopflow.eventstore.relay;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.shopflow.events.EventEnvelope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** What an operator watches of a relay, on /q/metrics: backlog, its age, throughput, delay and failures. */
final class RelayMetrics {

    private final MeterRegistry registry;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestEpochMilli = new AtomicLong();
    private final Timer batches;
    private final Counter failures;
    private final Counter emptyClaims;
    private final Map<String, Counter> publishedByType = new ConcurrentHashMap<>();
    private final Map<String, Timer> delayByType = new ConcurrentHashMap<>();

    RelayMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("shopflow.outbox.backlog", backlog, AtomicLong::get)
                .description("Events written to the outbox and not yet published")
                .register(registry);
        Gauge.builder("shopflow.outbox.oldest.age", oldestEpochMilli, RelayMetrics::ageSeconds)
                .description("Age of the oldest unpublished event")
                .baseUnit("seconds")
                .register(registry);
        batches = Timer.builder("shopflow.outbox.relay.batch")
                .description("Time to publish one batch and remove it from the outbox")
                .register(registry);
        emptyClaims = Counter.builder("shopflow.outbox.relay.empty.claims")
                .description("Looks for a lane with work that found none: each a transaction spent on nothing")
                .register(registry);
        failures = Counter.builder("shopflow.outbox.relay.failures")
                .description("Batches that failed and were left in the outbox to be published again")
                .register(registry);
    }

    void published(List<EventEnvelope> events, Duration batchTime) {
        batches.record(batchTime);
        var now = Instant.now();
        for (var event : events) {
            publishedByType.computeIfAbsent(event.ceType(), this::publishedCounter).increment();
            // From the transaction that wrote the event to Kafka's acknowledgement.
            delayByType.computeIfAbsent(event.ceType(), this::delayTimer).record(Duration.between(event.time(), now));
        }
    }

    /** Meters are looked up once per event type, not once per event: a batch of 500 should not pay 1000 lookups. */
    private Counter publishedCounter(String type) {
        return registry.counter("shopflow.outbox.published", "type", type);
    }

    private Timer delayTimer(String type) {
        return Timer.builder("shopflow.outbox.publish.delay")
                .description("From writing an event to the outbox to Kafka acknowledging it")
                .tag("type", type)
                .publishPercentileHistogram()
                .register(registry);
    }

    void foundNoLane() {
        emptyClaims.increment();
    }

    void failed() {
        failures.increment();
    }

    void backlog(OutboxBacklog current) {
        backlog.set(current.events());
        oldestEpochMilli.set(current.oldest() == null ? 0 : current.oldest().toEpochMilli());
    }

    private static double ageSeconds(AtomicLong oldestEpochMilli) {
        long oldest = oldestEpochMilli.get();
        return oldest == 0 ? 0 : Math.max(0, System.currentTimeMillis() - oldest) / 1000.0;
    }
}
