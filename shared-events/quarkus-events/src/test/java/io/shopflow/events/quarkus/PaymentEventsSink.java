package io.shopflow.events.quarkus;

import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Acknowledges the payments channel's batches unread: ConsumerLagTest only watches its group's lag. */
@ApplicationScoped
public class PaymentEventsSink {

    @Incoming("payments")
    public CompletionStage<Void> on(KafkaRecordBatch<String, byte[]> batch) {
        return batch.ack();
    }
}
