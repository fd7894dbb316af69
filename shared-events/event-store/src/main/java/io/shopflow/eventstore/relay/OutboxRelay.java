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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox to Kafka: the built-in alternative to Debezium CDC, on the same table.
 *
 * <p>Each batch is one transaction: claim a free lane with work (see migration V4), delete its oldest rows
 * returning them, and while the batch has room the next free lane's, and so on; send them as CloudEvents (key =
 * aggregate id, topic per aggregate type), wait until Kafka has acknowledged every one, then commit. A relay that
 * dies before the commit leaves its rows in place and its lanes unlocked, so another relay (or itself, restarted)
 * publishes that batch again: at least once, at most one batch twice, and consumers deduplicate on {@code ce_id}.
 * Any number of relays may run against one outbox.
 *
 * <p>One relay runs {@link RelaySettings#workers()} such loops at once, each claiming lanes of its own, so that the
 * round trips of one batch (taking the rows, waiting for Kafka's acknowledgements, committing) overlap with
 * another's; they share the producer, which is thread-safe and batches their records together. The outbox of this
 * process calls {@link #wake()} once per transaction that committed events, which sets an idle worker going at once:
 * an event committed while a batch is in flight is taken by another worker, instead of waiting for that batch's
 * acknowledgements and commit, or, in a lane that batch holds, by that batch before it commits. A thread of its own
 * samples the backlog on a clock, and wakes workers for events no wake-up announced (written by another process,
 * say a replica that died before publishing them).
 *
 * <p>Blocking JDBC on threads of their own, on purpose: the relay is a loop that waits on Kafka and on wake-ups,
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
    private final Thread sampler;
    /**
     * Wake-ups for the workers, one per transaction that committed events (at most one per lane): each lets one
     * worker look for a lane with work once. Kept while every worker is busy, so an event committed during a batch
     * is looked for right after it.
     */
    private final Semaphore wakeUps = new Semaphore(0);
    /** Wake-ups so far: a worker during whose batch one came looks again at once (it may be for the same lane). */
    private final AtomicLong wakeUpCount = new AtomicLong();
    /**
     * Times the backlog sample found events waiting longer than a wake-up takes, so announced by no wake-up
     * (written by another process): a worker woken after one drains, looking until a look finds nothing.
     */
    private final AtomicLong drainRequests = new AtomicLong();
    private volatile boolean running;
    /**
     * The wake-up count when the latest look began. Every transaction announced before then had committed, so that
     * look saw its events: a wake-up taken while this still equals the count is for events already looked for, and
     * a transaction spent looking again would find nothing.
     */
    private final AtomicLong lookedAfter = new AtomicLong();
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
        this.sampler = new Thread(this::sampleBacklog, "outbox-relay-backlog");
        threads.add(sampler);
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
     * False once a worker or the backlog sampler has died of something its loop does not survive (an Error): only a
     * restart brings it back (the workers left poll on their own meanwhile).
     */
    public boolean alive() {
        return running && threads.stream().allMatch(Thread::isAlive);
    }

    /**
     * Publishes one batch of the lanes it claims. Returns how many events it published: 0 when the outbox is empty or
     * every lane with work is being published by another relay.
     */
    public int publishBatch() throws SQLException, InterruptedException, ExecutionException {
        return publishBatch(wakeUpCount.get()).events();
    }

    /**
     * What a batch published, and the wake-up count when its last look began: every transaction announced up to there
     * had committed, so that look saw its events, or skipped them in lanes another worker holds, which that worker
     * looks at again.
     */
    private record Batch(int events, long wakeUpsSeen) {
    }

    /** A batch for the wake-ups up to {@code wakeUpsSeen}, and for those that come while it is with Kafka. */
    private Batch publishBatch(long wakeUpsSeen) throws SQLException, InterruptedException, ExecutionException {
        long started = System.nanoTime();
        try (Connection tx = dataSource.getConnection()) {
            tx.setAutoCommit(false);
            try {
                var lane = claimNextLane(tx);
                if (lane.isEmpty()) {
                    tx.commit();
                    metrics.foundNoLane();
                    return new Batch(0, wakeUpsSeen);
                }
                OutboxBatches.commitWithoutWaitingForTheDisk(tx);
                var events = new ArrayList<EventEnvelope>();
                takeWhileRoom(tx, lane, events);
                publish(events);
                long seen = publishLateArrivals(tx, events, wakeUpsSeen);
                tx.commit();
                metrics.published(events, Duration.ofNanos(System.nanoTime() - started));
                return new Batch(events.size(), seen);
            } catch (SQLException | InterruptedException | ExecutionException | RuntimeException e) {
                tx.rollback();
                throw e;
            }
        }
    }

    /** A lane with work, looking from where the last look started plus one: every lane gets its turn. */
    private OptionalInt claimNextLane(Connection tx) throws SQLException {
        return OutboxBatches.claimLane(tx, Math.floorMod(nextLane.getAndIncrement(), OutboxBatches.LANES));
    }

    /**
     * Takes {@code lane}'s rows, then the next claimable lane's with work, and so on, while the batch has room. Under
     * load the first lane fills it, read along its own index; at low rates one batch takes every lane a
     * transaction's events fell in (a consumer's batch writes events of many aggregates), where a batch per lane cost
     * a transaction per lane. A lane this transaction holds already is claimable again by it.
     */
    private void takeWhileRoom(Connection tx, OptionalInt lane, List<EventEnvelope> events) throws SQLException {
        while (lane.isPresent() && events.size() < settings.batchSize()) {
            int claimed = lane.getAsInt();
            events.addAll(OutboxBatches.take(tx, claimed, settings.batchSize() - events.size()));
            lane = events.size() < settings.batchSize()
                    ? OutboxBatches.claimLane(tx, (claimed + 1) % OutboxBatches.LANES)
                    : OptionalInt.empty();
        }
    }

    /**
     * Looks once more, on the batch's transaction, if wake-ups came while the batch was with Kafka and it has room:
     * takes what was committed meanwhile in the lanes it holds (which no other look can take) and in any other it can
     * claim, and publishes that too before it commits. The worker used to make that look after its commit, in a
     * transaction of its own; but a wake-up during a batch also wakes an idle worker, which takes what is in the
     * other lanes, so that look mostly found nothing (at 50 orders/s about half of order-service's relay
     * transactions did). Once only: a batch that kept looking while wake-ups came would hold ever more lanes, which
     * the other workers' looks would find locked. Returns the wake-up count it last looked at.
     */
    private long publishLateArrivals(Connection tx, List<EventEnvelope> events, long wakeUpsSeen)
            throws SQLException, InterruptedException, ExecutionException {
        long seen = wakeUpCount.get();
        if (seen == wakeUpsSeen || events.size() >= settings.batchSize()) {
            return wakeUpsSeen;
        }
        lookedAfter.accumulateAndGet(seen, Math::max);
        int before = events.size();
        takeWhileRoom(tx, claimNextLane(tx), events);
        publish(events.subList(before, events.size()));
        return seen;
    }

    /**
     * Sends the events in order and waits until Kafka has acknowledged every one. A send the producer refuses at
     * once (no metadata for the topic within {@code max.block.ms}, say, on a broker slow to create it; or a record
     * too large) ends the batch before the next event is sent: sent on, the events after it could be on Kafka
     * before it, out of their aggregate's order, ahead of the batch's copy once it is published again. Once a
     * record is in the producer, the idempotent producer keeps a partition's records in order through its retries,
     * for up to {@code delivery.timeout.ms} (two minutes).
     */
    private void publish(List<EventEnvelope> events) throws InterruptedException, ExecutionException {
        var acknowledgements = new ArrayList<Future<RecordMetadata>>(events.size());
        for (var event : events) {
            var span = publishSpan(event);
            var record = toRecord(event.withTraceparent(EventTracing.passedOn(span, event.traceparent())));
            var acknowledgement = producer.send(record, (sent, failure) -> EventTracing.end(span, failure));
            if (acknowledgement.isDone()) {
                acknowledgement.get();
            }
            acknowledgements.add(acknowledgement);
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
     * A transaction that wrote events to the outbox has committed in this process: sets one idle worker looking at
     * once. Cheap and never blocking, for the thread that saw the commit (an event loop).
     */
    public void wake() {
        wakeWorkers(1);
    }

    /**
     * The backlog sampler: samples the backlog gauges on a clock, and wakes workers for events waiting longer than a
     * wake-up takes, which no wake-up announced. An idle relay thus asks the database one question per idle wait.
     */
    private void sampleBacklog() {
        while (running) {
            try {
                var backlog = recordBacklog();
                // Waiting longer than a wake-up takes: announced by no wake-up of this process.
                if (backlog.age(Instant.now()).compareTo(settings.idleWait()) > 0) {
                    drainRequests.incrementAndGet();
                    wakeWorkers((int) Math.min(backlog.events(), settings.workers()));
                }
                Thread.sleep(settings.idleWait().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException | RuntimeException e) {
                failed(e);
            }
        }
    }

    /**
     * A worker: publishes while there is work, then sleeps until a wake-up comes. A wake-up for a committed
     * transaction is worth one look: once its batch is out, and unless a wake-up came after the batch last looked
     * (see {@link #publishLateArrivals}), the worker sleeps again instead of looking once more, which at low rates
     * found nothing and cost a transaction per event. It goes straight on after a full batch, and drains (looks until
     * a look finds nothing) at start and when the backlog sample found events no wake-up announced.
     */
    private void publishWhenWoken() {
        boolean draining = true;
        long drainsSeen = drainRequests.get();
        while (running) {
            try {
                long wakeUpsBefore = wakeUpCount.get();
                lookedAfter.accumulateAndGet(wakeUpsBefore, Math::max);
                var batch = publishBatch(wakeUpsBefore);
                boolean more = batch.events() == settings.batchSize() || (draining && batch.events() > 0)
                        || wakeUpCount.get() != batch.wakeUpsSeen();
                if (!more) {
                    awaitWakeUp();
                    long drains = drainRequests.get();
                    draining = drains != drainsSeen || !sampler.isAlive();
                    drainsSeen = drains;
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
     * Sleeps until a wake-up is there to take for events no look has looked for yet: one whose transaction committed
     * before a look (of any worker, a batch's look again included) began was seen by that look, whose worker
     * publishes the events or, for a lane another worker held, that worker looks again since a wake-up came during its
     * batch (before its commit, or after it for a wake-up after its last look). Should the sampler die (of an Error:
     * liveness reports it, and only a restart brings it back), the workers poll on their own every idle wait meanwhile
     * instead of sleeping for good.
     */
    private void awaitWakeUp() throws InterruptedException {
        while (running) {
            if (wakeUps.tryAcquire(settings.idleWait().toMillis(), TimeUnit.MILLISECONDS)) {
                if (wakeUpCount.get() != lookedAfter.get()) {
                    return;
                }
            } else if (!sampler.isAlive()) {
                return;
            }
        }
    }

    /**
     * Wakes a worker per committed transaction: a lone event wakes one, so the others do not each spend a
     * transaction finding nothing. Wake-ups not yet taken count: at most one per lane waits. Synchronized: commits
     * on several event loops wake at once, and each must see the others' wake-ups.
     */
    private synchronized void wakeWorkers(int committed) {
        wakeUpCount.incrementAndGet();
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

    /** Samples the backlog gauges; returns the backlog. */
    private OutboxBacklog recordBacklog() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            var backlog = OutboxBacklog.of(connection);
            metrics.backlog(backlog);
            return backlog;
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
