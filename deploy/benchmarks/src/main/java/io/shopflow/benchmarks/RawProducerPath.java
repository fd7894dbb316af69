package io.shopflow.benchmarks;

import io.shopflow.events.EventEnvelope;
import io.shopflow.eventstore.relay.OutboxRelay;
import io.shopflow.eventstore.relay.RelayProducer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** The baseline: the same records sent straight to Kafka by a producer with the relay's settings. */
final class RawProducerPath {

    private final String bootstrapServers;
    /** Where the records go instead of their own topic; null for their own. */
    private final String topic;
    private final ProducerTuning tuning;

    RawProducerPath(String bootstrapServers) {
        this(bootstrapServers, null);
    }

    /**
     * Sending to {@code topic} rather than the records' own: on a running platform, whose services would otherwise
     * take the benchmark's records for real orders.
     */
    RawProducerPath(String bootstrapServers, String topic) {
        this(bootstrapServers, topic, ProducerTuning.RELAY_DEFAULTS);
    }

    private RawProducerPath(String bootstrapServers, String topic, ProducerTuning tuning) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.tuning = tuning;
    }

    /** The same path with the relay's producer settings changed by {@code tuning}. */
    RawProducerPath with(ProducerTuning tuning) {
        return new RawProducerPath(bootstrapServers, topic, tuning);
    }

    /** "raw producer", and what its settings change in the relay's. */
    String label() {
        return "raw producer" + tuning.label();
    }

    /** Sends every event at once and waits until Kafka has acknowledged them all. */
    Throughput throughput(String label, List<EventEnvelope> events) throws Exception {
        try (Producer<String, byte[]> producer = newProducer()) {
            long started = System.nanoTime();
            var acknowledgements = new ArrayList<Future<RecordMetadata>>(events.size());
            for (var event : events) {
                acknowledgements.add(producer.send(addressed(OutboxRelay.toRecord(event))));
            }
            for (var acknowledgement : acknowledgements) {
                acknowledgement.get();
            }
            return new Throughput(label, events.size(), Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** Sends one event at a time at a steady rate; each latency runs from creating the event to consuming it. */
    LatencySummary latency(String runPrefix, int perSecond, Duration duration) throws Exception {
        try (var probe = new ArrivalProbe(bootstrapServers, runPrefix, FixedRate.count(perSecond, duration));
             Producer<String, byte[]> producer = newProducer()) {
            int sent = FixedRate.run(perSecond, duration,
                    n -> producer.send(OutboxRelay.toRecord(OrderEvents.placed(runPrefix + "-" + n))));
            return LatencySummary.of(probe.await(sent, Benchmarks.DELIVERY_TIMEOUT));
        }
    }

    private ProducerRecord<String, byte[]> addressed(ProducerRecord<String, byte[]> record) {
        return topic == null ? record
                : new ProducerRecord<>(topic, null, record.key(), record.value(), record.headers());
    }

    private Producer<String, byte[]> newProducer() {
        return RelayProducer.create(bootstrapServers, tuning.overrides());
    }
}
