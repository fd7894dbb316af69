package io.shopflow.notification.messaging;

import io.shopflow.events.EventEnvelope;
import io.shopflow.events.order.OrderCancelled;
import io.shopflow.events.order.OrderConfirmed;
import io.shopflow.events.order.OrderPlaced;
import io.shopflow.events.order.OrderShipped;
import io.shopflow.events.payment.PaymentRefunded;
import io.shopflow.events.quarkus.EventHandlers;
import io.shopflow.events.quarkus.IdempotentConsumer;
import io.shopflow.events.quarkus.UnprocessableEventException;
import io.shopflow.events.user.UserRegistered;
import io.shopflow.events.user.UserUpdated;
import io.shopflow.notification.app.NotificationSender;
import io.shopflow.notification.domain.Messages;
import io.shopflow.notification.persistence.NotificationRepository;
import io.shopflow.notification.persistence.RecipientRepository;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Users' addresses from user-service's events; a notification for each order or payment event worth telling,
 * recorded once with the event's inbox row (its id is the event's) and handed to the sender once that commits.
 */
@ApplicationScoped
public class NotificationConsumers {

    /** UserRegistered carries no version: user-service registers every user at version 1. */
    private static final long REGISTERED_USER_VERSION = 1;

    private final IdempotentConsumer consumer;
    private final RecipientRepository recipients;
    private final NotificationRepository notifications;
    private final NotificationSender sender;
    private final EventHandlers userEvents;
    private final EventHandlers orderEvents;
    private final EventHandlers paymentEvents;

    public NotificationConsumers(IdempotentConsumer consumer, RecipientRepository recipients,
                                 NotificationRepository notifications, NotificationSender sender) {
        this.consumer = consumer;
        this.recipients = recipients;
        this.notifications = notifications;
        this.sender = sender;
        this.userEvents = EventHandlers
                .on(UserRegistered.class, (tx, registered, envelope) -> recipients.saveContact(tx,
                        registered.userId(), registered.name(), registered.email(), REGISTERED_USER_VERSION))
                .and(UserUpdated.class, (tx, updated, envelope) -> recipients.saveContact(tx, updated.userId(),
                        updated.name(), updated.email(), updated.version()));
        this.orderEvents = EventHandlers.on(OrderPlaced.class, this::placed)
                .and(OrderConfirmed.class, this::confirmed)
                .and(OrderShipped.class, this::shipped)
                .and(OrderCancelled.class, (tx, cancelled, envelope) -> record(tx, envelope, cancelled.userId(),
                        cancelled.orderId(), Messages.cancelled(cancelled)));
        this.paymentEvents = EventHandlers.on(PaymentRefunded.class, (tx, refunded, envelope) -> record(tx, envelope,
                refunded.userId(), refunded.orderId(), Messages.refunded(refunded)));
    }

    @Incoming("users")
    public Uni<Void> onUser(KafkaRecordBatch<String, byte[]> batch) {
        // A new or changed address may be what pending notifications wait for.
        return consumer.consume(batch, userEvents, sender::wake);
    }

    @Incoming("orders")
    public Uni<Void> onOrder(KafkaRecordBatch<String, byte[]> batch) {
        return consumer.consume(batch, orderEvents, sender::wake);
    }

    @Incoming("payments")
    public Uni<Void> onPayment(KafkaRecordBatch<String, byte[]> batch) {
        return consumer.consume(batch, paymentEvents, sender::wake);
    }

    private Uni<Void> placed(SqlConnection tx, OrderPlaced placed, EventEnvelope envelope) {
        return recipients.rememberOwner(tx, placed.orderId(), placed.userId())
                .flatMap(ignored -> record(tx, envelope, placed.userId(), placed.orderId(), Messages.placed(placed)));
    }

    private Uni<Void> confirmed(SqlConnection tx, OrderConfirmed confirmed, EventEnvelope envelope) {
        // Also remembered here: an OrderPlaced older than the topic's retention may be gone.
        return recipients.rememberOwner(tx, confirmed.orderId(), confirmed.userId())
                .flatMap(ignored -> record(tx, envelope, confirmed.userId(), confirmed.orderId(),
                        Messages.confirmed(confirmed)));
    }

    private Uni<Void> shipped(SqlConnection tx, OrderShipped shipped, EventEnvelope envelope) {
        return recipients.ownerOf(tx, shipped.orderId())
                .map(owner -> owner.orElseThrow(() -> new UnprocessableEventException(
                        "OrderShipped for order " + shipped.orderId() + ", which was never placed or confirmed")))
                .flatMap(userId -> record(tx, envelope, userId, shipped.orderId(), Messages.shipped(shipped)));
    }

    private Uni<Void> record(SqlConnection tx, EventEnvelope envelope, String userId, String orderId,
                             Messages.Message message) {
        return notifications.record(tx, envelope.id(), userId, orderId, message);
    }
}
