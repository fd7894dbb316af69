package io.shopflow.shipping.messaging;

import io.shopflow.events.quarkus.IdempotentConsumer;
import io.shopflow.shipping.app.ShipmentScheduler;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** The order events shipping acts on, each handled once. */
@ApplicationScoped
public class OrderEventConsumer {

    private final IdempotentConsumer consumer;
    private final ShipmentScheduler scheduler;

    public OrderEventConsumer(IdempotentConsumer consumer, ShipmentScheduler scheduler) {
        this.consumer = consumer;
        this.scheduler = scheduler;
    }

    @Incoming("events")
    public Uni<Void> onEvents(KafkaRecordBatch<String, byte[]> batch) {
        return consumer.consume(batch, scheduler.handlers());
    }
}
