package io.shopflow.notification.messaging;

import io.shopflow.events.CanonicalUuid;
import io.shopflow.events.EventEnvelope;
import io.shopflow.events.order.OrderCancelled;
import io.shopflow.events.order.OrderConfirmed;
import io.shopflow.events.order.OrderPlaced;
import io.shopflow.events.order.OrderShipped;
import io.shopflow.events.payment.PaymentRefunded;
import io.shopflow.events.quarkus.EventHandlers;
import io.shopflow.events.quarkus.IdempotentConsumer;
import io.shopflow.events.quarkus.UnprocessableEventException;
import io.shopflow.events.PersonalField;
import io.shopflow.events.user.UserErased;
import io.shopflow.events.user.UserRegistered;
import io.shopflow.events.user.UserUpdated;
import io.shopflow.notification.client.UserDataKeys;
import io.shopflow.personaldata.Opened;
import io.shopflow.personaldata.TamperedPersonalDataException;
import io.shopflow.notification.app.NotificationSender;
import io.shopflow.notification.domain.Messages;
import io.shopflow.notification.persistence.NotificationRepository;
import io.shopflow.notification.persistence.RecipientRepository;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Users' addresses from user-service's events (sealed, opened with the users' keys; purged when a user is erased); a
 * notification for each order or payment event worth telling, recorded once with the event's inbox row (its id is
 * the event's) and handed to the sender once that commits.
 */
@ApplicationScoped
public class NotificationConsumers {

    /** UserRegistered carries no version: user-service registers every user at version 1. */
    private static final long REGISTERED_USER_VERSION = 1;

    private final IdempotentConsumer consumer;
    private final RecipientRepository recipients;
    private final UserDataKeys dataKeys;
    private final NotificationRepository notifications;
    private final NotificationSender sender;
    private final EventHandlers handlers;

    public NotificationConsumers(IdempotentConsumer consumer, RecipientRepository recipients, UserDataKeys dataKeys,
                                 NotificationRepository notifications, NotificationSender sender) {
        this.consumer = consumer;
        this.recipients = recipients;
        this.dataKeys = dataKeys;
        this.notifications = notifications;
        this.sender = sender;
        this.handlers = EventHandlers
                .on(UserRegistered.class, (tx, registered, envelope) -> saveContact(tx, registered.userId(),
                        registered.name(), registered.email(), REGISTERED_USER_VERSION))
                .and(UserUpdated.class, (tx, updated, envelope) -> saveContact(tx, updated.userId(), updated.name(),
                        updated.email(), updated.version()))
                .and(UserErased.class, (tx, erased, envelope) -> {
                    dataKeys.forget(userKeyOf(erased.userId()));
                    return recipients.eraseContact(tx, erased.userId());
                })
                .and(OrderPlaced.class, this::placed)
                .and(OrderConfirmed.class, this::confirmed)
                .and(OrderShipped.class, this::shipped)
                .and(OrderCancelled.class, (tx, cancelled, envelope) -> record(tx, envelope, cancelled.userId(),
                        cancelled.orderId(), Messages.cancelled(cancelled)))
                .and(PaymentRefunded.class, (tx, refunded, envelope) -> record(tx, envelope, refunded.userId(),
                        refunded.orderId(), Messages.refunded(refunded)));
    }

    @Incoming("events")
    public Uni<Void> onEvents(KafkaRecordBatch<String, byte[]> batch) {
        // A notification recorded, or a new or changed address that pending notifications waited for.
        return consumer.consume(batch, handlers, sender::wake);
    }

    /**
     * Keeps where to reach the user, opened from the event's sealed fields. A user erased since the event was written
     * has nothing to keep (their UserErased purges the contact); an envelope that is not what user-service wrote is
     * refused, and the event dead-lettered with the reason.
     */
    private Uni<Void> saveContact(SqlConnection tx, String userId, PersonalField name, PersonalField email,
                                  long version) {
        var key = userKeyOf(userId);
        return Uni.combine().all().unis(dataKeys.open(key, name), dataKeys.open(key, email)).asTuple()
                .onFailure(TamperedPersonalDataException.class).transform(tampered -> new UnprocessableEventException(
                        "A sealed field of user " + userId + " was refused: " + tampered.getMessage()))
                .flatMap(opened -> {
                    if (opened.getItem1() instanceof Opened.Clear clearName
                            && opened.getItem2() instanceof Opened.Clear clearEmail) {
                        return recipients.saveContact(tx, userId, clearName.clearText(), clearEmail.clearText(),
                                version);
                    }
                    return Uni.createFrom().voidItem();
                });
    }

    /**
     * The user id of a user-service event, which names the user's keys: written in full, or the event is refused
     * ({@link CanonicalUuid}: "1-1-1-1-1" would otherwise name another user's keys).
     */
    private static UUID userKeyOf(String userId) {
        return CanonicalUuid.parse(userId)
                .orElseThrow(() -> new UnprocessableEventException("Not a user id: '" + userId + "'"));
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
