package io.shopflow.notification;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Sends pending notifications by e-mail, outside any transaction, and marks them sent. Delivery is at least
 * once: a sender that dies between sending and marking sends again after the lease, the one duplicate a mail
 * system can produce; recording is exactly once (the inbox).
 */
@ApplicationScoped
public class NotificationSender {

    private static final Logger LOG = Logger.getLogger(NotificationSender.class);

    private final NotificationRepository notifications;
    private final ReactiveMailer mailer;
    private final NotificationConfig config;

    public NotificationSender(NotificationRepository notifications, ReactiveMailer mailer, NotificationConfig config) {
        this.notifications = notifications;
        this.mailer = mailer;
        this.config = config;
    }

    /** Sends what is pending without making the caller wait. */
    void wake() {
        sendPending().subscribe().with(done -> { }, failure -> LOG.warn("Sending failed; the next sweep retries", failure));
    }

    @Scheduled(every = "${shopflow.notification.sending.sweep-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sendPending() {
        var sending = config.sending();
        return notifications.giveUp(sending.maxAttempts(), sending.maxWaitForContact())
                .flatMap(ignored -> notifications.claimSendable(sending.batchSize(), sending.lease()))
                .onItem().transformToMulti(claimed -> Multi.createFrom().iterable(claimed))
                .onItem().transformToUniAndMerge(this::send)
                .collect().last()
                .replaceWithVoid();
    }

    private Uni<Void> send(NotificationRepository.Addressed addressed) {
        var notification = addressed.notification();
        var mail = Mail.withText(addressed.email(), notification.subject(),
                "Hello " + addressed.name() + ",\n\n" + notification.body() + "\n");
        return mailer.send(mail)
                .flatMap(sent -> notifications.markSent(notification.id()))
                .onFailure().recoverWithUni(failure -> {
                    // Left PENDING: the lease ends and a later sweep tries again, up to the attempts allowed.
                    LOG.warnf("Could not send notification %s (attempt %d): %s", notification.id(),
                            notification.attempts(), failure.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }
}
