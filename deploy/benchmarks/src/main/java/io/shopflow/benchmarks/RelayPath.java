package io.shopflow.benchmarks;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.shopflow.events.EventEnvelope;
import io.shopflow.eventstore.relay.OutboxRelay;
import io.shopflow.eventstore.relay.RelayProducer;
import io.shopflow.eventstore.relay.RelaySettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

/** Events committed to the outbox and published by {@code OutboxRelay}, exactly as shipped. */
final class RelayPath {

    /** Services write their outbox rows a few at a time; a hundred per transaction keeps the set-up quick. */
    static final int EVENTS_PER_INSERT_TRANSACTION = 100;
    /** shopflow.events.relay.idle-wait's default: how often a relay samples its backlog. */
    private static final Duration IDLE_WAIT = Duration.ofSeconds(1);
    private static final Duration BACKLOG_POLL = Duration.ofMillis(10);
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
        requireEmptyOutbox();
        writer.commitInTransactionsOf(EVENTS_PER_INSERT_TRANSACTION, events);
        var profiler = new RelayProfiler();
        long bytesBefore = infrastructure.topicBytes();
        var relays = new ArrayList<OutboxRelay>();
        try (var connections = RelayConnections.of(setup, infrastructure.dataSource())) {
            try {
                for (int n = 0; n < setup.relays(); n++) {
                    relays.add(newRelay(setup, connections, profiler));
                }
                long started = System.nanoTime();
                relays.forEach(OutboxRelay::start);
                awaitEmptyOutbox();
                var elapsed = Duration.ofNanos(System.nanoTime() - started);
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
             var relay = newRelay(setup, connections, new RelayProfiler())) {
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
             var relay = newRelay(setup, connections, new RelayProfiler());
             var writers = infrastructure.serviceWriters(this::wakeRelays)) {
            requireEmptyOutbox();
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

    private OutboxRelay newRelay(RelaySetup setup, RelayConnections connections, RelayProfiler profiler) {
        var producer = RelayProducer.create(infrastructure.bootstrapServers(), setup.producer().overrides());
        return new OutboxRelay(profiler.dataSource(connections.dataSource()), profiler.producer(producer),
                new RelaySettings(setup.batchSize(), IDLE_WAIT, setup.workers()), new SimpleMeterRegistry());
    }

    private void requireEmptyOutbox() {
        if (writer.backlog() != 0) {
            throw new IllegalStateException("The outbox should be empty before a measurement");
        }
    }

    private void awaitEmptyOutbox() throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + Benchmarks.DELIVERY_TIMEOUT.toNanos();
        while (writer.backlog() > 0) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("The relays did not empty the outbox within " + Benchmarks.DELIVERY_TIMEOUT);
            }
            Thread.sleep(BACKLOG_POLL.toMillis());
        }
    }
}
