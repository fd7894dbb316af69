package io.shopflow.notification.app;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.scheduler.Scheduled;
import io.shopflow.events.quarkus.CoalescedWork;
import io.shopflow.notification.config.NotificationConfig;
import io.shopflow.notification.persistence.NotificationRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
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
    private final NotificationConfig.Sending config;
    /** One sweep at a time, gathering for {@code gather-for} first, so one sweep mails many notifications. */
    private final CoalescedWork sweeps;

    public NotificationSender(NotificationRepository notifications, ReactiveMailer mailer, NotificationConfig config) {
        this.notifications = notifications;
        this.mailer = mailer;
        this.config = config.sending();
        this.sweeps = new CoalescedWork("Sending notifications", this.config.gatherFor(),
                () -> sendPending().map(claimed -> claimed == this.config.batchSize()));
    }

    /** Sends what is pending without making the caller wait; called after each consumed event commits. */
    public void wake() {
        sweeps.wake();
    }

    /**
     * The safety net: notifications whose wake-up was lost (a crash, a failed send) are found here. Giving up on
     * hopeless ones is done here too, on the clock: per sweep it was a statement per consumed event.
     */
    @Scheduled(every = "${shopflow.notification.sending.sweep-every}")
    Uni<Void> onSchedule() {
        return notifications.giveUp(config.maxAttempts(), config.maxWaitForContact())
                .onFailure().invoke(failure -> LOG.warn("Giving up on notifications failed; the next sweep tries again",
                        failure))
                .onFailure().recoverWithNull()
                .invoke(this::wake);
    }

    /** Sends one batch and marks what went in one statement; returns how many were claimed. */
    private Uni<Integer> sendPending() {
        return notifications.claimSendable(config.batchSize(), config.lease())
                .flatMap(claimed -> Multi.createFrom().iterable(claimed)
                        .onItem().transformToUniAndMerge(this::send)
                        .collect().asList()
                        .map(sent -> sent.stream().flatMap(Optional::stream).toList())
                        .flatMap(notifications::markSent)
                        .replaceWith(claimed.size()));
    }

    /** The notification's id once its mail is sent; empty when it could not be. */
    private Uni<Optional<UUID>> send(NotificationRepository.Addressed addressed) {
        var notification = addressed.notification();
        var mail = Mail.withText(addressed.email(), notification.subject(),
                "Hello " + addressed.name() + ",\n\n" + notification.body() + "\n");
        return mailer.send(mail)
                .map(sent -> Optional.of(notification.id()))
                .onFailure().recoverWithItem(failure -> {
                    // Left PENDING: the lease ends and a later sweep tries again, up to the attempts allowed.
                    LOG.warnf("Could not send notification %s (attempt %d): %s", notification.id(),
                            notification.attempts(), failure.getMessage());
                    return Optional.empty();
                });
    }
}
