package io.shopflow.events.quarkus;

import static io.shopflow.events.quarkus.ConsumerFailure.CONTENTION;
import static io.shopflow.events.quarkus.ConsumerFailure.DATABASE_UNAVAILABLE;
import static io.shopflow.events.quarkus.ConsumerFailure.FAILING;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.shopflow.events.CloudEventHeaders;
import io.shopflow.events.DomainEvent;
import io.shopflow.events.EventCodec;
import io.shopflow.events.EventEnvelope;
import io.shopflow.events.MalformedEventException;
import io.shopflow.events.VersionedType;
import io.shopflow.eventstore.EventTracing;
import io.shopflow.eventstore.InboxStore;
import io.shopflow.observability.CorrelationId;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * Exactly-once effect over at-least-once delivery, a batch at a time. A service's {@code @Incoming} method (on a
 * channel with {@code batch=true}) hands each poll's records here with its {@link EventHandlers}. A poll's records,
 * all its topics and partitions together and each partition's in order, go through four steps:
 * <ol>
 * <li><b>decode</b>: a record whose {@code ce_type} names an event no handler here is for is acknowledged without
 * further work (not even its payload read); the others are read as CloudEvents and decoded to their current
 * version, and one that cannot be read is dead-lettered at once;</li>
 * <li><b>dedupe</b>: one transaction begins with one statement that records the batch's event ids in the inbox and
 * says which are new ({@link InboxStore#markProcessed});</li>
 * <li><b>handle</b>: the handlers' batch locks are taken for the new ones ({@link EventHandlers#lockingFirst}),
 * then the handlers run in record order, on that transaction, each event in a consumer span of its own that
 * continues the trace it was written in; then one commit;</li>
 * <li><b>record the outcome</b>: per-event metrics, and {@code afterEffect} once if anything took effect.</li>
 * </ol>
 * Only then is the batch acknowledged (its offsets committed), so a consumer that dies between the commit and the
 * offsets meets the same events again, and the inbox turns them into duplicates.
 *
 * <p>A failure is classified by {@link ConsumerFailure}. An unreachable database is waited for, the batch whole,
 * however long. Any other failure of a batch of several rolls it back and splits it in two, each half tried in
 * order, until the record at fault stands alone: the records around it commit, and it alone is retried (contention
 * without limit, other failures {@code retries} times, with exponential backoff and jitter) or, if it can never
 * succeed, dead-lettered with its error through the channel's failure strategy, to the dead-letter topic of the
 * topic it came from ({@link DeadLetterTopics}). Later events of the same aggregate proceed after a dead-lettered
 * one, as they always have.
 */
@ApplicationScoped
public class IdempotentConsumer {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);
    /** Each backoff varies by up to half its length, so consumers that failed together do not retry together. */
    private static final double JITTER = 0.5;

    /** A poll's records, and what to do with them. */
    private record Work(EventHandlers handlers, Runnable afterEffect, long startedNanos) {

        Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - startedNanos);
        }
    }

    private final Pool pool;
    private final EventCodec codec;
    private final InboxStore inbox = new InboxStore();
    private final EventsConfig.Consumer config;
    private final ConsumerMetrics metrics;
    private final Tracer tracer;

    public IdempotentConsumer(Pool pool, EventCodec codec, EventsConfig config, MeterRegistry registry, Tracer tracer) {
        this.pool = pool;
        this.codec = codec;
        this.config = config.consumer();
        this.metrics = new ConsumerMetrics(registry);
        this.tracer = tracer;
    }

    /** Handles each event of {@code batch} with the handler for its type, exactly once, then acknowledges the batch. */
    public Uni<Void> consume(KafkaRecordBatch<String, byte[]> batch, EventHandlers handlers) {
        return consume(batch, handlers, () -> { });
    }

    /**
     * As {@link #consume(KafkaRecordBatch, EventHandlers)}, then runs {@code afterEffect} after each commit in
     * which an event took effect (not only duplicates, not only events without a handler): to wake what works on
     * the effects.
     */
    public Uni<Void> consume(KafkaRecordBatch<String, byte[]> batch, EventHandlers handlers, Runnable afterEffect) {
        // A poll may hold several partitions of several topics (a channel reads its service's topics and their
        // redrive topics), all in one transaction: all of an aggregate's events on a topic are in one partition, so
        // each partition's records in order is all the order there is. A transaction per topic or per partition cost
        // one for every topic and partition a poll found records in.
        @SuppressWarnings("unchecked") // the connector's batches are made of its incoming records
        List<IncomingKafkaRecord<String, byte[]>> records = batch.getRecords().stream()
                .map(record -> (IncomingKafkaRecord<String, byte[]>) record.unwrap(IncomingKafkaRecord.class))
                .toList();
        return consumePoll(records, new Work(handlers, afterEffect, System.nanoTime()))
                .chain(() -> Uni.createFrom().completionStage(batch::ack));
    }

    private Uni<Void> consumePoll(List<IncomingKafkaRecord<String, byte[]>> records, Work work) {
        var toHandle = new ArrayList<Delivery>(records.size());
        var unreadable = new ArrayList<Uni<Void>>();
        for (var record : records) {
            try {
                decode(record, work).ifPresent(toHandle::add);
            } catch (MalformedEventException e) {
                unreadable.add(deadLetter(record, e));
            }
        }
        var deadLettered = unreadable.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(unreadable).andFailFast().replaceWithVoid();
        return deadLettered.chain(() -> isolate(toHandle, work))
                .invoke(() -> metrics.batch(records.size(), work.elapsed()));
    }

    /** Step 1: the record as an event this consumer has a handler for, or nothing (acknowledged with the batch). */
    private Optional<Delivery> decode(IncomingKafkaRecord<String, byte[]> record, Work work) {
        var forOthers = forOthers(CloudEventHeaders.type(record.getHeaders()), work);
        if (forOthers.isPresent()) {
            metrics.ignored(forOthers.get());
            return Optional.empty();
        }
        EventEnvelope envelope = CloudEventHeaders.read(record.getHeaders(), record.getPayload());
        return Optional.of(new Delivery(record, envelope, codec.decode(envelope)));
    }

    /**
     * When {@code ceType} names an event this code knows and no handler here is for, how to count it as ignored:
     * most events of a topic that several services read are another's (shipping-service acts on one of the order
     * topic's events), and reading their envelopes and payloads only to drop them was about a tenth of a consumer's
     * CPU. Such an event is left alone in any version, a newer one too: it is not this consumer's to judge; a newer
     * one is counted as {@code <Name>.newer}, so that no producer makes a metric series per version number.
     * Anything else (no type, a malformed or unknown one) is empty: read in full, so that what cannot be read is
     * dead-lettered as before.
     */
    private Optional<String> forOthers(String ceType, Work work) {
        if (ceType == null) {
            return Optional.empty();
        }
        try {
            var type = VersionedType.parse(ceType);
            return codec.entry(type.name()).filter(entry -> !work.handlers().handles(entry.recordType()))
                    .map(entry -> type.version() > entry.currentVersion() ? type.name() + ".newer" : ceType);
        } catch (MalformedEventException unreadable) {
            return Optional.empty();
        }
    }

    /**
     * Handles {@code chunk} in one transaction; if that fails for any reason but the database, splits it and
     * handles each half the same way, so that only the record at fault ends up alone.
     */
    private Uni<Void> isolate(List<Delivery> chunk, Work work) {
        if (chunk.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        if (chunk.size() == 1) {
            return alone(chunk.get(0), work);
        }
        return waitingForDatabase(chunk, work).onFailure().recoverWithUni(failure -> {
            metrics.split();
            LOG.debugf("Splitting a batch of %d: %s", chunk.size(), failure.toString());
            int half = chunk.size() / 2;
            return isolate(chunk.subList(0, half), work).chain(() -> isolate(chunk.subList(half, chunk.size()), work));
        });
    }

    /** One record: contention is retried until it passes, other failures a few times, then it is dead-lettered. */
    private Uni<Void> alone(Delivery delivery, Work work) {
        return waitingForDatabase(List.of(delivery), work)
                .onFailure(failure -> ConsumerFailure.of(failure) == CONTENTION).retry()
                .withBackOff(config.initialBackoff(), config.maxBackoff()).withJitter(JITTER).indefinitely()
                .onFailure(failure -> ConsumerFailure.of(failure) == FAILING).retry()
                .withBackOff(config.initialBackoff(), config.maxBackoff()).withJitter(JITTER).atMost(config.retries())
                .onFailure().recoverWithUni(failure -> deadLetter(delivery.record(), failure));
    }

    /** The chunk's transaction, tried again for as long as the database cannot be reached. */
    private Uni<Void> waitingForDatabase(List<Delivery> chunk, Work work) {
        return Uni.createFrom().deferred(() -> transaction(chunk, work))
                .onFailure(failure -> ConsumerFailure.of(failure) == DATABASE_UNAVAILABLE).invoke(failure -> {
                    metrics.waitsForDatabase();
                    var first = chunk.get(0).record();
                    LOG.warnf("No database connection; %d events from %s-%d@%d wait for one: %s", chunk.size(),
                            first.getTopic(), first.getPartition(), first.getOffset(), failure.toString());
                })
                .onFailure(failure -> ConsumerFailure.of(failure) == DATABASE_UNAVAILABLE).retry()
                .withBackOff(config.maxBackoff(), config.maxBackoff()).withJitter(JITTER).indefinitely();
    }

    /** Steps 2 to 4 for {@code chunk}: dedupe and handle in one transaction, then record the outcome. */
    private Uni<Void> transaction(List<Delivery> chunk, Work work) {
        var spans = new ArrayList<Span>(chunk.size());
        return pool.withTransaction(tx -> inbox.markProcessed(tx, config.name(), distinctEnvelopes(chunk))
                        .call(fresh -> work.handlers().takeLocks(tx, newEvents(chunk, fresh)))
                        .flatMap(fresh -> handleNew(tx, chunk, fresh, spans, work)))
                // Each event's span lasts until its effect is committed or rolled back, and says which.
                .onTermination().invoke((processed, failure, cancelled) -> spans.forEach(span -> EventTracing.end(span, failure)))
                .invoke(processed -> recordOutcome(chunk, processed, work))
                .replaceWithVoid();
    }

    /** One envelope per event id: a record delivered twice in one batch is one event. */
    private static List<EventEnvelope> distinctEnvelopes(List<Delivery> chunk) {
        var seen = new LinkedHashMap<UUID, EventEnvelope>();
        chunk.forEach(delivery -> seen.putIfAbsent(delivery.envelope().id(), delivery.envelope()));
        return List.copyOf(seen.values());
    }

    /** The events of {@code chunk} new to this consumer, in record order, each once. */
    private static List<DomainEvent> newEvents(List<Delivery> chunk, Set<UUID> fresh) {
        var seen = new HashSet<UUID>();
        return chunk.stream()
                .filter(delivery -> fresh.contains(delivery.envelope().id()) && seen.add(delivery.envelope().id()))
                .map(Delivery::event)
                .toList();
    }

    /** Step 3: the handlers of the events new to this consumer, in record order; true for each one handled. */
    private Uni<List<Boolean>> handleNew(SqlConnection tx, List<Delivery> chunk, Set<UUID> fresh, List<Span> spans,
                                         Work work) {
        return Multi.createFrom().iterable(chunk).onItem().transformToUniAndConcatenate(delivery -> {
            // Removed once handled, so that a second copy in the same batch counts as the duplicate it is.
            var envelope = delivery.envelope();
            CorrelationId.set(envelope.correlationId());
            if (!fresh.remove(envelope.id())) {
                logInFlow(EventTracing.parentFrom(envelope.traceparent()), "Skipped a duplicate of", envelope);
                return Uni.createFrom().item(false);
            }
            var span = startSpan(delivery);
            spans.add(span);
            var traced = envelope.withTraceparent(EventTracing.passedOn(span, envelope.traceparent()));
            return Uni.createFrom().deferred(() -> work.handlers().handle(tx, delivery.event(), traced))
                    .invoke(() -> logInFlow(Context.root().with(span), "Handled", envelope))
                    .replaceWith(true);
        }).collect().asList();
    }

    /**
     * A debug line per event, under the event's trace: the log lines of one order's flow carry its correlation id
     * and trace id in every service, so a search for either finds what each consumer did with it.
     */
    private static void logInFlow(Context flow, String what, EventEnvelope envelope) {
        if (LOG.isDebugEnabled()) {
            try (var scope = flow.makeCurrent()) {
                LOG.debugf("%s %s %s", what, envelope.ceType(), envelope.aggregateId());
            }
        }
    }

    /** Step 4, once committed. */
    private void recordOutcome(List<Delivery> chunk, List<Boolean> processed, Work work) {
        var since = work.elapsed();
        boolean tookEffect = false;
        for (int i = 0; i < chunk.size(); i++) {
            metrics.consumed(chunk.get(i).envelope().ceType(), processed.get(i), since);
            tookEffect |= processed.get(i);
        }
        if (tookEffect) {
            work.afterEffect().run();
        }
    }

    private Span startSpan(Delivery delivery) {
        var envelope = delivery.envelope();
        return tracer.spanBuilder(delivery.record().getTopic() + " process " + envelope.ceType())
                .setParent(EventTracing.parentFrom(envelope.traceparent()))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", delivery.record().getTopic())
                .setAttribute("messaging.message.id", envelope.id().toString())
                .setAttribute("shopflow.event.type", envelope.ceType())
                .setAttribute("shopflow.aggregate.id", envelope.aggregateId())
                .setAttribute("shopflow.consumer", config.name())
                .startSpan();
    }

    /**
     * Gives up on {@code record}: the channel's failure strategy takes it to the dead-letter topic of the topic it
     * came from ({@link DeadLetterTopics}: a channel may read several), with the error in its headers, and the batch
     * is acknowledged only once that is done.
     */
    private Uni<Void> deadLetter(IncomingKafkaRecord<String, byte[]> record, Throwable failure) {
        metrics.givenUp(record.getTopic(), ConsumerFailure.reasonGivenUp(failure));
        LOG.warnf("Giving up on %s-%d@%d: %s", record.getTopic(), record.getPartition(), record.getOffset(),
                failure.toString());
        var deadLetterTopic = OutgoingKafkaRecordMetadata.builder()
                .withTopic(DeadLetterTopics.deadLetterTopic(record.getTopic(), config.name())).build();
        return Uni.createFrom().completionStage(() -> record.nack(failure, Metadata.of(deadLetterTopic)));
    }
}
