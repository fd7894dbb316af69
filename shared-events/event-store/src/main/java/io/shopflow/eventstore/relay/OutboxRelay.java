package io.shopflow.eventstore.relay;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.shopflow.events.CloudEventHeaders;
import io.shopflow.events.EventEnvelope;
import io.shopflow.events.Topics;
import io.shopflow.eventstore.EventTracing;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox to Kafka: the built-in alternative to Debezium CDC, on the same table.
 *
 * <p>Each batch is one transaction: claim a free lane (see migration V4), delete its oldest rows returning them,
 * send them as CloudEvents (key = aggregate id, topic per aggregate type), wait until Kafka has acknowledged
 * every one, then commit. A relay that dies before the commit leaves its rows in place and its lane unlocked,
 * so another relay (or itself, restarted) publishes that batch again: at least once, at most one batch twice,
 * and consumers deduplicate on {@code ce_id}. Any number of relays may run against one outbox.
 *
 * <p>One relay runs {@link RelaySettings#workers()} such loops at once, each claiming its own lane, so that the
 * round trips of one batch (taking the rows, waiting for Kafka's acknowledgements, committing) overlap with
 * another's; they share the producer, which is thread-safe and batches their records together. A thread of its
 * own LISTENs and wakes idle workers (one per committed transaction) as soon as events commit: an event committed while a batch is in flight
 * is taken by another worker at once, instead of waiting for that batch's acknowledgements and commit (when the
 * listener was also a worker, that wait was most of an event's time from commit to Kafka at low rates).
 *
 * <p>Blocking JDBC on threads of their own, on purpose: the relay is a loop that waits on Kafka and on LISTEN,
 * and it reads more plainly than the same loop in reactive operators.
 */
public final class OutboxRelay implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final DataSource dataSource;
    private final Producer<String, byte[]> producer;
    private final RelaySettings settings;
    private final RelayMetrics metrics;
    private final Tracer tracer;
    private final List<Thread> threads = new ArrayList<>();
    private final Thread listener;
    /**
     * Wake-ups for the workers, one per transaction that committed events (at most one per lane): each lets one
     * worker look for a lane with work once. Kept while every worker is busy, so an event committed during a batch
     * is looked for right after it.
     */
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    /** Where the next claim starts looking: moved on every batch, so every lane gets its turn. */
    private final AtomicInteger nextLane = new AtomicInteger();

    /**
     * The relay owns {@code producer} and closes it on {@link #close()}. It takes a connection per batch, so
     * {@code dataSource} should be a pool (in a service, the Agroal datasource): opening a connection each
     * time costs more than the batch itself.
     */
    public OutboxRelay(DataSource dataSource, Producer<String, byte[]> producer, RelaySettings settings,
                       MeterRegistry registry) {
        this(dataSource, producer, settings, registry, OpenTelemetry.noop().getTracer(OutboxRelay.class.getName()));
    }

    /** A relay whose every publish is a span of its event's trace, which the event's consumers continue. */
    public OutboxRelay(DataSource dataSource, Producer<String, byte[]> producer, RelaySettings settings,
                       MeterRegistry registry, Tracer tracer) {
        this.dataSource = dataSource;
        this.producer = producer;
        this.settings = settings;
        this.metrics = new RelayMetrics(registry);
        this.tracer = tracer;
        this.listener = new Thread(this::listen, "outbox-relay-listener");
        threads.add(listener);
        for (int n = 0; n < settings.workers(); n++) {
            threads.add(new Thread(this::publishWhenWoken, "outbox-relay-" + n));
        }
        threads.forEach(thread -> thread.setDaemon(true));
    }

    public synchronized void start() {
        running = true;
        threads.forEach(Thread::start);
    }

    /**
     * False once a worker or the listener has died of something its loop does not survive (an Error): only a
     * restart brings it back (the workers left poll on their own meanwhile).
     */
    public boolean alive() {
        return running && threads.stream().allMatch(Thread::isAlive);
    }

    /**
     * Publishes one batch of one lane. Returns how many events it published: 0 when the outbox is empty or
     * every lane with work is being published by another relay.
     */
    public int publishBatch() throws SQLException, InterruptedException, ExecutionException {
        long started = System.nanoTime();
        try (Connection tx = dataSource.getConnection()) {
            tx.setAutoCommit(false);
            try {
                var lane = OutboxBatches.claimLane(tx, Math.floorMod(nextLane.getAndIncrement(), OutboxBatches.LANES));
                if (lane.isEmpty()) {
                    tx.commit();
                    metrics.foundNoLane();
                    return 0;
                }
                OutboxBatches.commitWithoutWaitingForTheDisk(tx);
                var events = OutboxBatches.take(tx, lane.getAsInt(), settings.batchSize());
                publish(events);
                tx.commit();
                metrics.published(events, Duration.ofNanos(System.nanoTime() - started));
                return events.size();
            } catch (SQLException | InterruptedException | ExecutionException | RuntimeException e) {
                tx.rollback();
                throw e;
            }
        }
    }

    private void publish(List<EventEnvelope> events) throws InterruptedException, ExecutionException {
        var acknowledgements = new ArrayList<Future<RecordMetadata>>(events.size());
        for (var event : events) {
            var span = publishSpan(event);
            acknowledgements.add(producer.send(toRecord(event.withTraceparent(
                    EventTracing.passedOn(span, event.traceparent()))), (sent, failure) -> EventTracing.end(span, failure)));
        }
        for (var acknowledgement : acknowledgements) {
            acknowledgement.get();
        }
    }

    private Span publishSpan(EventEnvelope event) {
        String topic = Topics.forAggregate(event.aggregateType());
        return tracer.spanBuilder(topic + " publish")
                .setParent(EventTracing.parentFrom(event.traceparent()))
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("messaging.message.id", event.id().toString())
                .setAttribute("shopflow.event.type", event.ceType())
                .setAttribute("shopflow.aggregate.id", event.aggregateId())
                .startSpan();
    }

    /** The Kafka record of an event: topic per aggregate type, key = aggregate id, CloudEvents headers. */
    public static ProducerRecord<String, byte[]> toRecord(EventEnvelope event) {
        var record = new ProducerRecord<>(Topics.forAggregate(event.aggregateType()), event.aggregateId(),
                event.data().getBytes(StandardCharsets.UTF_8));
        CloudEventHeaders.write(event, record.headers());
        return record;
    }

    /**
     * The listener: wakes the workers when events commit, and samples the backlog on a clock, which also wakes them
     * for events whose notification it missed (LISTEN was down when they committed). An idle relay thus asks the
     * database one question per idle-wait, where each worker polling on its own asked one each.
     */
    private void listen() {
        long nextBacklogCheck = System.nanoTime();
        try (var notifications = new OutboxNotifications(dataSource)) {
            while (running) {
                try {
                    if (System.nanoTime() - nextBacklogCheck >= 0) {
                        long waiting = recordBacklog();
                        nextBacklogCheck = System.nanoTime() + settings.idleWait().toNanos();
                        if (waiting > 0) {
                            wakeWorkers((int) Math.min(waiting, settings.workers()));
                        }
                    }
                    int committed = notifications.await(settings.idleWait());
                    if (committed > 0) {
                        wakeWorkers(committed);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (SQLException | RuntimeException e) {
                    failed(e);
                }
            }
        }
    }

    /**
     * A worker: publishes while its batches come back full, then sleeps until the listener wakes it. A batch that
     * was not full emptied its lane; looking again at once would be a transaction finding nothing, as it was for
     * most batches at low rates (four lane claims per event published).
     */
    private void publishWhenWoken() {
        while (running) {
            try {
                if (publishBatch() < settings.batchSize()) {
                    awaitWakeUp();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException | ExecutionException | RuntimeException e) {
                failed(e);
            }
        }
    }

    /**
     * Sleeps until a wake-up is there to take. Should the listener die (of an Error: liveness reports it, and only a
     * restart brings it back), the workers poll on their own every idle wait meanwhile instead of sleeping for good.
     */
    private void awaitWakeUp() throws InterruptedException {
        while (running && !wakeUps.tryAcquire(settings.idleWait().toMillis(), TimeUnit.MILLISECONDS)) {
            if (!listener.isAlive()) {
                return;
            }
        }
    }

    /**
     * Wakes a worker per committed transaction: a lone event wakes one, so the others do not each spend a
     * transaction finding nothing. Wake-ups not yet taken count: at most one per lane waits.
     */
    private void wakeWorkers(int committed) {
        int wanted = Math.min(committed, OutboxBatches.LANES) - wakeUps.availablePermits();
        if (wanted > 0) {
            wakeUps.release(wanted);
        }
    }

    /** The batch stays in the outbox; try again after a pause rather than spinning on a fault. */
    private void failed(Exception e) {
        metrics.failed();
        LOG.warnf("Publishing the outbox failed, retrying in %s: %s", settings.idleWait(), e.toString());
        pause();
    }

    /** Samples the backlog gauges; returns how many events wait. */
    private long recordBacklog() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            var backlog = OutboxBacklog.of(connection);
            metrics.backlog(backlog);
            return backlog.events();
        }
    }

    private void pause() {
        try {
            Thread.sleep(settings.idleWait().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Stops after the batches in progress, if any, and closes the producer. */
    @Override
    public void close() {
        running = false;
        threads.forEach(Thread::interrupt);
        try {
            for (var thread : threads) {
                thread.join(settings.idleWait().multipliedBy(2).plusSeconds(5).toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close();
    }
}
