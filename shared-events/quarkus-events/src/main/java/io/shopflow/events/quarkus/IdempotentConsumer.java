package io.shopflow.events.quarkus;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.shopflow.events.CloudEventHeaders;
import io.shopflow.events.EventCodec;
import io.shopflow.events.EventEnvelope;
import io.shopflow.events.MalformedEventException;
import io.shopflow.eventstore.EventTracing;
import io.shopflow.eventstore.InboxStore;
import io.shopflow.observability.CorrelationId;
import io.shopflow.problems.DatabaseUnavailable;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Exactly-once effect over at-least-once delivery. A service's {@code @Incoming} method hands each record here
 * with its {@link EventHandlers}: it is read as a CloudEvent, decoded to the current version, and handled in one
 * transaction with its inbox row, so a redelivered event is skipped. Failures are retried with exponential backoff
 * and jitter; a record that can never be read ({@link MalformedEventException}) or never be processed
 * ({@link UnprocessableEventException}) is not retried. What still fails is returned as a failure, and the
 * channel's {@code failure-strategy=dead-letter-queue} moves it to the dead-letter topic with the error in its
 * headers, so the partition keeps moving.
 *
 * <p>An event no handler is for is acknowledged without a transaction, an inbox row or a span: having no effect, it
 * needs no record of having had it. Most deliveries are such (an order makes five order events, and each of the
 * four services reading the order topic acts on one to three), and each used to cost a transaction.
 *
 * <p>A database that cannot be reached ({@link DatabaseUnavailable}) is no fault of the event: the record is tried
 * again, at the longest backoff, until the database is back, and its partition waits (readiness is DOWN meanwhile).
 * Giving up on it would dead-letter good events and stall their sagas, as the chaos suite showed with a PostgreSQL
 * outage longer than the retries.
 *
 * <p>Each attempt is a consumer span continuing the trace stored with the event (its {@code traceparent}), and the
 * handler sees the event with that span's traceparent, so whatever it publishes through
 * {@link DomainEvents#causedBy} joins the same trace: one order, one trace, across every service. The event's
 * correlation id is made current too, so the handler's log lines carry the flow's id.
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
    private final Tracer tracer;

    public IdempotentConsumer(Pool pool, EventCodec codec, EventsConfig config, MeterRegistry registry, Tracer tracer) {
        this.pool = pool;
        this.codec = codec;
        this.config = config.consumer();
        this.registry = registry;
        this.tracer = tracer;
    }

    /** Handles {@code record} with the handler for its type, exactly once; acknowledges it if there is none. */
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record, EventHandlers handlers) {
        return consume(record, handlers, () -> { });
    }

    /**
     * As {@link #consume(ConsumerRecord, EventHandlers)}, then runs {@code afterEffect} if the event took effect now
     * (not a duplicate, not acknowledged unhandled), once that is committed: to wake what works on the effects.
     */
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record, EventHandlers handlers, Runnable afterEffect) {
        return Uni.createFrom().deferred(() -> process(record, handlers))
                .onFailure(DatabaseUnavailable::explains).invoke(failure -> waitsForDatabase(record, failure))
                .onFailure(DatabaseUnavailable::explains).retry()
                .withBackOff(config.maxBackoff(), config.maxBackoff()).withJitter(JITTER).indefinitely()
                .onFailure(failure -> !neverSucceeds(failure)).retry()
                .withBackOff(config.initialBackoff(), config.maxBackoff()).withJitter(JITTER)
                .atMost(config.retries())
                .onFailure().invoke(failure -> givenUp(record, failure))
                .invoke(tookEffect -> {
                    if (tookEffect) {
                        afterEffect.run();
                    }
                })
                .replaceWithVoid();
    }

    /** Whether the event took effect now. */
    private Uni<Boolean> process(ConsumerRecord<String, byte[]> record, EventHandlers handlers) {
        EventEnvelope envelope = CloudEventHeaders.read(record.headers(), record.value());
        CorrelationId.set(envelope.correlationId());
        var event = codec.decode(envelope);
        if (!handlers.handles(event)) {
            registry.counter("shopflow.events.ignored", "type", envelope.ceType()).increment();
            return Uni.createFrom().item(false);
        }
        var span = startSpan(record, envelope);
        var traced = envelope.withTraceparent(EventTracing.passedOn(span, envelope.traceparent()));
        var started = Timer.start(registry);
        return pool.withTransaction(tx -> inbox.markProcessed(tx, config.name(), envelope)
                        .call(first -> first ? handlers.handle(tx, event, traced) : Uni.createFrom().voidItem()))
                .invoke(first -> started.stop(registry.timer("shopflow.events.consumed", "type", envelope.ceType(),
                        "outcome", first ? "processed" : "duplicate")))
                .invoke(first -> LOG.debugf("%s %s %s", first ? "Processed" : "Skipped a duplicate of", envelope.ceType(),
                        envelope.aggregateId()))
                .onTermination().invoke((first, failure, cancelled) -> EventTracing.end(span, failure));
    }

    private Span startSpan(ConsumerRecord<String, byte[]> record, EventEnvelope envelope) {
        return tracer.spanBuilder(record.topic() + " process " + envelope.ceType())
                .setParent(EventTracing.parentFrom(envelope.traceparent()))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", record.topic())
                .setAttribute("messaging.message.id", envelope.id().toString())
                .setAttribute("shopflow.event.type", envelope.ceType())
                .setAttribute("shopflow.aggregate.id", envelope.aggregateId())
                .setAttribute("shopflow.consumer", config.name())
                .startSpan();
    }

    /** Counted, so that an operator (and a test) sees a consumer waiting for its database, not only a quiet one. */
    private void waitsForDatabase(ConsumerRecord<String, byte[]> record, Throwable failure) {
        registry.counter("shopflow.events.consumer.database.waits", "topic", record.topic()).increment();
        LOG.warnf("The database is unavailable; %s-%d@%d waits for it: %s", record.topic(), record.partition(),
                record.offset(), failure.toString());
    }

    private static boolean neverSucceeds(Throwable failure) {
        return failure instanceof MalformedEventException || failure instanceof UnprocessableEventException;
    }

    private void givenUp(ConsumerRecord<String, byte[]> record, Throwable failure) {
        String reason = failure instanceof MalformedEventException ? "malformed"
                : failure instanceof UnprocessableEventException ? "unprocessable" : "retries-exhausted";
        registry.counter("shopflow.events.consumer.failed", "topic", record.topic(), "reason", reason).increment();
        LOG.warnf("Giving up on %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), failure.toString());
    }
}
