package io.shopflow.order.messaging;

import io.shopflow.events.quarkus.IdempotentConsumer;
import io.shopflow.order.app.OrderSaga;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** What the other services report about orders, on one channel over their topics, each event handled once. */
@ApplicationScoped
public class SagaEventConsumers {

    private final IdempotentConsumer consumer;
    private final OrderSaga saga;

    public SagaEventConsumers(IdempotentConsumer consumer, OrderSaga saga) {
        this.consumer = consumer;
        this.saga = saga;
    }

    @Incoming("events")
    public Uni<Void> onEvents(KafkaRecordBatch<String, byte[]> batch) {
        return consumer.consume(batch, saga.handlers());
    }
}
