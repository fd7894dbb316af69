package io.shopflow.benchmarks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.shopflow.events.EventEnvelope;
import io.shopflow.eventstore.relay.OutboxRelay;
import io.shopflow.eventstore.relay.RelayProducer;
import io.shopflow.eventstore.relay.RelaySettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Events committed to the outbox and published by {@code OutboxRelay}, exactly as shipped. */
final class RelayPath {

    /** Services write their outbox rows a few at a time; a hundred per transaction keeps the set-up quick. */
    static final int EVENTS_PER_INSERT_TRANSACTION = 100;
    /** shopflow.events.relay.idle-wait's default: how often a relay samples its backlog. */
    private static final Duration IDLE_WAIT = Duration.ofSeconds(1);
    private static final Duration BACKLOG_POLL = Duration.ofMillis(10);
    /** The relay's counter of events published, one series per event type ({@code RelayMetrics}). */
    private static final String PUBLISHED = "shopflow.outbox.published";
    /**
     * A relay's workers first drain what was written before they started: starting a measurement after this pause
     * keeps that start-up look out of the latencies.
     */
    private static final Duration START_SETTLE = Duration.ofMillis(500);

    private final BenchmarkInfrastructure infrastructure;
    /** The relays running: the writers tell them of each commit, as a service's outbox tells its own relay. */
    private final List<OutboxRelay> running = new CopyOnWriteArrayList<>();
    private final OutboxWriter writer;

    RelayPath(BenchmarkInfrastructure infrastructure) {
        this.infrastructure = infrastructure;
        this.writer = new OutboxWriter(infrastructure.pool(), this::wakeRelays);
    }

    private void wakeRelays() {
        running.forEach(OutboxRelay::wake);
    }

    /** Fills the outbox with {@code events}, then times the relays of {@code setup} emptying it. */
    RelayDrain drain(RelaySetup setup, List<EventEnvelope> events) throws Exception {
        requireEmptyOutbox("before a measurement");
        writer.commitInTransactionsOf(EVENTS_PER_INSERT_TRANSACTION, events);
        var profiler = new RelayProfiler();
        long bytesBefore = infrastructure.topicBytes();
        var relays = new ArrayList<OutboxRelay>();
        var published = new SimpleMeterRegistry();
        try (var connections = RelayConnections.of(setup, infrastructure.dataSource())) {
            try {
                for (int n = 0; n < setup.relays(); n++) {
                    relays.add(newRelay(setup, connections, profiler, published));
                }
                long started = System.nanoTime();
                relays.forEach(OutboxRelay::start);
                awaitPublished(published, events.size());
                var elapsed = Duration.ofNanos(System.nanoTime() - started);
                requireEmptyOutbox("once the relays have published every event");
                return new RelayDrain(new Throughput(setup.label(), events.size(), elapsed), setup, profiler.totals(),
                        infrastructure.topicBytes() - bytesBefore);
            } finally {
                relays.forEach(OutboxRelay::close);
            }
        }
    }

    /**
     * Commits one event per transaction at a steady rate while the relay of {@code setup} runs; each latency runs
     * from creating the event (its {@code ce_time}, just before the commit) to consuming it from Kafka. The outbox is
     * vacuumed first: at rest, as a service's is once autovacuum has been by after a backlog.
     */
    LatencySummary latency(RelaySetup setup, String runPrefix, int perSecond, Duration duration) throws Exception {
        infrastructure.vacuumOutbox();
        try (var connections = RelayConnections.of(setup, infrastructure.dataSource());
             var relay = newRelay(setup, connections, new RelayProfiler(), new SimpleMeterRegistry())) {
            startTold(relay);
            try (var probe = new ArrivalProbe(infrastructure.bootstrapServers(), runPrefix,
                    FixedRate.count(perSecond, duration))) {
                int committed = FixedRate.run(perSecond, duration,
                        n -> writer.commit(List.of(OrderEvents.placed(runPrefix + "-" + n))));
                return LatencySummary.of(probe.await(committed, Benchmarks.DELIVERY_TIMEOUT));
            }
        }
    }

    /**
     * Writers as a service has them ({@link ServiceWriters}) commit {@code events} at their full speed while the relay
     * of {@code setup} runs; then the relay empties what they left.
     */
    WriterRace race(RelaySetup setup, List<EventEnvelope> events) throws Exception {
        try (var connections = RelayConnections.of(setup, infrastructure.dataSource());
             var relay = newRelay(setup, connections, new RelayProfiler(), new SimpleMeterRegistry());
             var writers = infrastructure.serviceWriters(this::wakeRelays)) {
            requireEmptyOutbox("before a measurement");
            startTold(relay);
            var written = writers.commitEach("service writers", events);
            long left = writer.backlog();
            long started = System.nanoTime();
            awaitEmptyOutbox();
            return new WriterRace(written, left, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** Starts {@code relay}, told of the writers' commits until it closes, once its start-up look is done. */
    private void startTold(OutboxRelay relay) throws InterruptedException {
        running.clear();
        running.add(relay);
        relay.start();
        Thread.sleep(START_SETTLE.toMillis());
    }

    private OutboxRelay newRelay(RelaySetup setup, RelayConnections connections, RelayProfiler profiler,
                                 MeterRegistry registry) {
        var producer = setup.kafka()
                ? RelayProducer.create(infrastructure.bootstrapServers(), setup.producer().overrides())
                : acknowledgingAtOnce();
        return new OutboxRelay(profiler.dataSource(connections.dataSource()), profiler.producer(producer),
                new RelaySettings(setup.batchSize(), IDLE_WAIT, setup.workers()), registry);
    }

    /**
     * Kafka's client library's stand-in producer, completing every send at once: the relay runs unchanged and only
     * Kafka's share of the work is gone. Every record goes to partition 0, since the stand-in knows no topics.
     */
    private static Producer<String, byte[]> acknowledgingAtOnce() {
        return new MockProducer<>(true, new Partitioner() {
            @Override
            public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes,
                                 Cluster cluster) {
                return 0;
            }

            @Override
            public void configure(Map<String, ?> configs) {
            }

            @Override
            public void close() {
            }
        }, new StringSerializer(), new ByteArraySerializer());
    }

    private void requireEmptyOutbox(String when) {
        if (writer.backlog() != 0) {
            throw new IllegalStateException("The outbox should be empty " + when);
        }
    }

    /**
     * Until the relays have committed {@code events} events (the relay counts an event published once the batch that
     * deleted it has committed). Read from their counters, not the database: counting the outbox's rows every few
     * milliseconds scanned the whole table each time, on the cores the relays were being timed on.
     */
    private static void awaitPublished(MeterRegistry published, int events) throws InterruptedException,
            TimeoutException {
        awaitUntil(() -> published.find(PUBLISHED).counters().stream().mapToDouble(Counter::count).sum() >= events,
                "publish " + events + " events");
    }

    private void awaitEmptyOutbox() throws InterruptedException, TimeoutException {
        awaitUntil(() -> writer.backlog() == 0, "empty the outbox");
    }

    private static void awaitUntil(BooleanSupplier done, String what) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + Benchmarks.DELIVERY_TIMEOUT.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("The relays did not " + what + " within " + Benchmarks.DELIVERY_TIMEOUT);
            }
            Thread.sleep(BACKLOG_POLL.toMillis());
        }
    }
}
