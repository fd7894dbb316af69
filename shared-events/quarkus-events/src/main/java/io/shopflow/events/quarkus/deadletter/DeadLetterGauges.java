package io.shopflow.events.quarkus.deadletter;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.shopflow.events.quarkus.EventsConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Per consumed topic: {@code shopflow_events_dead_letters_waiting} (dead letters nobody has redriven or discarded)
 * and {@code shopflow_events_dead_letters_oldest_age_seconds} (how long the oldest of them has waited; 0 when none
 * does). Sampled from the table after every change made here and every {@code shopflow.dead-letters.sample-every}
 * (for the changes other replicas make); the age is reckoned when scraped, so it grows between samples.
 */
@ApplicationScoped
public class DeadLetterGauges {

    private static final Logger LOG = Logger.getLogger(DeadLetterGauges.class);

    private final DeadLetterStore store;
    private final MeterRegistry registry;
    private final String consumer;
    private final Map<String, AtomicReference<DeadLetterStore.Waiting>> byTopic = new ConcurrentHashMap<>();

    public DeadLetterGauges(DeadLetterStore store, MeterRegistry registry, EventsConfig config) {
        this.store = store;
        this.registry = registry;
        this.consumer = config.consumer().name();
    }

    @Scheduled(every = "${shopflow.dead-letters.sample-every}", delayed = "${shopflow.dead-letters.sample-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sample() {
        return refresh();
    }

    /** Samples the table now; never fails: a sample missed (the database away) leaves the last one standing. */
    Uni<Void> refresh() {
        return store.waiting()
                .invoke(waiting -> waiting.forEach(topic -> byTopic.computeIfAbsent(topic.topic(), this::register)
                        .set(topic)))
                .replaceWithVoid()
                .onFailure().invoke(failure -> LOG.debugf("Dead letters not sampled: %s", failure.toString()))
                .onFailure().recoverWithNull();
    }

    private AtomicReference<DeadLetterStore.Waiting> register(String topic) {
        var latest = new AtomicReference<>(new DeadLetterStore.Waiting(topic, 0, null));
        Gauge.builder("shopflow.events.dead.letters.waiting", latest, sample -> sample.get().count())
                .description("Dead letters of this consumer and topic that nobody has redriven or discarded")
                .tags("consumer", consumer, "topic", topic)
                .register(registry);
        Gauge.builder("shopflow.events.dead.letters.oldest.age", latest, sample -> ageSeconds(sample.get()))
                .description("How long the oldest waiting dead letter of this consumer and topic has waited")
                .baseUnit("seconds")
                .tags("consumer", consumer, "topic", topic)
                .register(registry);
        return latest;
    }

    private static double ageSeconds(DeadLetterStore.Waiting waiting) {
        return waiting.oldestFailedAt() == null ? 0
                : Duration.between(waiting.oldestFailedAt(), Instant.now()).toMillis() / 1000.0;
    }
}
