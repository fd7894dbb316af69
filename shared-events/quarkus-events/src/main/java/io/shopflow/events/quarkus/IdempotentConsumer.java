package io.shopflow.events.quarkus;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.shopflow.events.CloudEventHeaders;
import io.shopflow.events.EventCodec;
import io.shopflow.events.EventEnvelope;
import io.shopflow.events.MalformedEventException;
import io.shopflow.eventstore.InboxStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Exactly-once effect over at-least-once delivery. A service's {@code @Incoming} method hands each record here:
 * it is read as a CloudEvent, decoded to the current version, and handled in one transaction with its inbox
 * row, so a redelivered event is skipped. Failures are retried with exponential backoff and jitter; a record
 * that can never be read ({@link MalformedEventException}) is not retried. What still fails is returned as a
 * failure, and the channel's {@code failure-strategy=dead-letter-queue} moves it to the dead-letter topic with
 * the error in its headers, so the partition keeps moving.
 */
@ApplicationScoped
public class IdempotentConsumer {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);
    /** Each backoff varies by up to half its length, so consumers that failed together do not retry together. */
    private static final double JITTER = 0.5;

    private final Pool pool;
    private final EventCodec codec;
    private final InboxStore inbox = new InboxStore();
    private final EventsConfig.Consumer config;
    private final MeterRegistry registry;

    public IdempotentConsumer(Pool pool, EventCodec codec, EventsConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.codec = codec;
        this.config = config.consumer();
        this.registry = registry;
    }

    public Uni<Void> consume(ConsumerRecord<String, byte[]> record, EventHandler handler) {
        return Uni.createFrom().deferred(() -> process(record, handler))
                .onFailure(failure -> !(failure instanceof MalformedEventException)).retry()
                .withBackOff(config.initialBackoff(), config.maxBackoff()).withJitter(JITTER)
                .atMost(config.retries())
                .onFailure().invoke(failure -> givenUp(record, failure));
    }

    private Uni<Void> process(ConsumerRecord<String, byte[]> record, EventHandler handler) {
        EventEnvelope envelope = CloudEventHeaders.read(record.headers(), record.value());
        var event = codec.decode(envelope);
        var started = Timer.start(registry);
        return pool.withTransaction(tx -> inbox.markProcessed(tx, config.name(), envelope)
                        .call(first -> first ? handler.handle(tx, event, envelope) : Uni.createFrom().voidItem()))
                .invoke(first -> started.stop(registry.timer("shopflow.events.consumed", "type", envelope.ceType(),
                        "outcome", first ? "processed" : "duplicate")))
                .replaceWithVoid();
    }

    private void givenUp(ConsumerRecord<String, byte[]> record, Throwable failure) {
        registry.counter("shopflow.events.consumer.failed", "topic", record.topic(),
                "reason", failure instanceof MalformedEventException ? "malformed" : "retries-exhausted").increment();
        LOG.warnf("Giving up on %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), failure.toString());
    }
}
