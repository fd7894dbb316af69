package io.shopflow.events.quarkus;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * What {@link IdempotentConsumer} reports, named in one place: per batch its size, time and splits; per event what
 * became of it (processed, a duplicate, ignored, given up on); and each wait for an unreachable database.
 */
final class ConsumerMetrics {

    private final MeterRegistry registry;

    ConsumerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * A batch handled: how many records one poll returned and how long they took, from the start to the last
     * commit. Untagged: a poll spans the topics of the channel, and a service has one such channel.
     */
    void batch(int records, Duration took) {
        DistributionSummary.builder("shopflow.events.batch.size")
                .description("Records in one batch: what one poll returned")
                .baseUnit("records")
                .publishPercentileHistogram()
                .register(registry)
                .record(records);
        Timer.builder("shopflow.events.batch.duration")
                .description("From a batch's first transaction to its last commit, splits and retries included")
                .publishPercentileHistogram()
                .register(registry)
                .record(took);
    }

    /** A batch (or part of one) that failed was split in two to find the record at fault. */
    void split() {
        registry.counter("shopflow.events.batch.splits").increment();
    }

    /** An event recorded in the inbox by a committed transaction: processed now, or a duplicate of one before. */
    void consumed(String ceType, boolean processed, Duration sinceBatchStart) {
        registry.timer("shopflow.events.consumed", "type", ceType, "outcome", processed ? "processed" : "duplicate")
                .record(sinceBatchStart);
    }

    /** An event no handler of this consumer is for: acknowledged without a transaction. */
    void ignored(String ceType) {
        registry.counter("shopflow.events.ignored", "type", ceType).increment();
    }

    /** A record given up on (dead-lettered by the channel's failure strategy). */
    void givenUp(String topic, String reason) {
        registry.counter("shopflow.events.consumer.failed", "topic", topic, "reason", reason).increment();
    }

    /** Counted, so that an operator (and a test) sees a consumer waiting for its database, not only a quiet one. */
    void waitsForDatabase() {
        registry.counter("shopflow.events.consumer.database.waits").increment();
    }
}
