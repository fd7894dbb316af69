package io.shopflow.payment.messaging;

import io.shopflow.events.quarkus.IdempotentConsumer;
import io.shopflow.payment.app.PaymentRequests;
import io.shopflow.payment.app.PaymentWorker;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * StockReserved asks for a payment, OrderCancelled for a cancellation or refund. Each is recorded once, then (once
 * committed) the worker is woken to call the provider at once rather than at its next sweep.
 */
@ApplicationScoped
public class SagaEventConsumers {

    private final IdempotentConsumer consumer;
    private final PaymentRequests requests;
    private final PaymentWorker worker;

    public SagaEventConsumers(IdempotentConsumer consumer, PaymentRequests requests, PaymentWorker worker) {
        this.consumer = consumer;
        this.requests = requests;
        this.worker = worker;
    }

    @Incoming("events")
    public Uni<Void> onEvents(KafkaRecordBatch<String, byte[]> batch) {
        return consumer.consume(batch, requests.handlers(), worker::wake);
    }
}
