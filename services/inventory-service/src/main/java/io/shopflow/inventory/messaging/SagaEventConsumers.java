package io.shopflow.inventory.messaging;

import io.shopflow.events.quarkus.IdempotentConsumer;
import io.shopflow.inventory.app.StockReservations;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** The order and payment events inventory acts on, on one channel over both topics, each event handled once. */
@ApplicationScoped
public class SagaEventConsumers {

    private final IdempotentConsumer consumer;
    private final StockReservations reservations;

    public SagaEventConsumers(IdempotentConsumer consumer, StockReservations reservations) {
        this.consumer = consumer;
        this.reservations = reservations;
    }

    @Incoming("events")
    public Uni<Void> onEvents(KafkaRecordBatch<String, byte[]> batch) {
        return consumer.consume(batch, reservations.handlers());
    }
}
