package io.shopflow.notification;

import io.shopflow.events.DomainEvent;
import io.shopflow.events.EventEnvelope;
import io.shopflow.events.quarkus.IdempotentConsumer;
import io.shopflow.events.user.UserRegistered;
import io.shopflow.events.user.UserUpdated;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Users' addresses from user-service's events; a notification for each order event worth telling, recorded once
 * with the event's inbox row (its id is the event's) and handed to the sender once that commits.
 */
@ApplicationScoped
public class NotificationConsumers {

    private final IdempotentConsumer consumer;
    private final NotificationRepository notifications;
    private final NotificationSender sender;

    public NotificationConsumers(IdempotentConsumer consumer, NotificationRepository notifications,
                                 NotificationSender sender) {
        this.consumer = consumer;
        this.notifications = notifications;
        this.sender = sender;
    }

    @Incoming("users")
    public Uni<Void> onUser(ConsumerRecord<String, byte[]> record) {
        return handle(record);
    }

    @Incoming("orders")
    public Uni<Void> onOrder(ConsumerRecord<String, byte[]> record) {
        return handle(record);
    }

    @Incoming("payments")
    public Uni<Void> onPayment(ConsumerRecord<String, byte[]> record) {
        return handle(record);
    }

    @Incoming("shipments")
    public Uni<Void> onShipment(ConsumerRecord<String, byte[]> record) {
        return handle(record);
    }

    private Uni<Void> handle(ConsumerRecord<String, byte[]> record) {
        return consumer.consume(record, this::record).invoke(sender::wake);
    }

    private Uni<Void> record(SqlConnection tx, DomainEvent event, EventEnvelope envelope) {
        if (event instanceof UserRegistered registered) {
            return notifications.saveContact(tx, registered.userId(), registered.name(), registered.email());
        }
        if (event instanceof UserUpdated updated) {
            return notifications.saveContact(tx, updated.userId(), updated.name(), updated.email());
        }
        return Messages.about(event)
                .map(message -> notifications.record(tx, envelope.id(), message.userId(), message.orderId(),
                        message.kind(), message.subject(), message.body()))
                .orElse(Uni.createFrom().voidItem());
    }
}
