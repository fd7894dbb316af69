package io.shopflow.events.quarkus.deadletter;

import io.shopflow.events.quarkus.EventsConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Fills the store from this service's dead-letter topics: the channel {@code dead-letters} subscribes to every
 * {@code shopflow.<topic>.dlq.<this service>} by pattern (META-INF/microprofile-config.properties), so a service
 * declares nothing for it and a new consuming channel's dead letters arrive by themselves. The topics stay what
 * they were (SmallRye's failure strategy writes them; a person can still read them with a Kafka tool); the table
 * adds what a topic cannot keep: what was done with each since.
 */
@ApplicationScoped
public class DeadLetterIntake {

    private static final Logger LOG = Logger.getLogger(DeadLetterIntake.class);
    private static final Duration DATABASE_RETRY = Duration.ofSeconds(1);
    private static final Duration DATABASE_RETRY_MAX = Duration.ofSeconds(10);

    private final DeadLetterStore store;
    private final DeadLetterGauges gauges;
    private final String consumer;

    public DeadLetterIntake(DeadLetterStore store, DeadLetterGauges gauges, EventsConfig config) {
        this.store = store;
        this.gauges = gauges;
        this.consumer = config.consumer().name();
    }

    /** Records the batch, waiting for the database however long it takes: a dead letter is never dropped. */
    @Incoming("dead-letters")
    public Uni<Void> take(KafkaRecordBatch<String, byte[]> batch) {
        var letters = batch.getRecords().stream()
                .map(record -> ArrivedDeadLetter.from(incoming(record), consumer)).toList();
        return Uni.createFrom().deferred(() -> store.record(letters))
                .onFailure().invoke(failure -> LOG.warnf("Cannot record %d dead letters yet: %s", letters.size(),
                        failure.toString()))
                .onFailure().retry().withBackOff(DATABASE_RETRY, DATABASE_RETRY_MAX).indefinitely()
                .invoke(() -> letters.forEach(letter -> LOG.infof("Dead letter %s (%s of %s, from %s): %s",
                        letter.id(), letter.eventType(), letter.aggregateId(), letter.topic(), letter.error())))
                .chain(gauges::refresh)
                .chain(() -> Uni.createFrom().completionStage(batch::ack));
    }

    @SuppressWarnings("unchecked") // the connector's batches are made of its incoming records
    private static IncomingKafkaRecord<String, byte[]> incoming(KafkaRecord<String, byte[]> record) {
        return record.unwrap(IncomingKafkaRecord.class);
    }
}
