package io.shopflow.notification.app;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.scheduler.Scheduled;
import io.shopflow.notification.config.NotificationConfig;
import io.shopflow.notification.persistence.NotificationRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
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
    private final Vertx vertx;
    /** Wake-ups not yet served: one sweep runs at a time and serves every wake-up that came before it started. */
    private final AtomicInteger wakeUps = new AtomicInteger();

    public NotificationSender(NotificationRepository notifications, ReactiveMailer mailer, NotificationConfig config,
                              Vertx vertx) {
        this.notifications = notifications;
        this.mailer = mailer;
        this.config = config.sending();
        this.vertx = vertx;
    }

    /**
     * Sends what is pending without making the caller wait; called after each consumed event commits. The first
     * wake-up starts a sweep after {@code gather-for}; those that come meanwhile are served by it.
     */
    public void wake() {
        if (wakeUps.getAndIncrement() == 0) {
            vertx.setTimer(Math.max(1, config.gatherFor().toMillis()), timer -> sweep());
        }
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

    private void sweep() {
        int serving = wakeUps.get();
        sendPending().subscribe().with(
                claimed -> swept(serving, claimed == config.batchSize()),
                failure -> {
                    LOG.warn("Sending failed; the next sweep tries again", failure);
                    swept(serving, false);
                });
    }

    /** Sweeps again when wake-ups came in meanwhile, or when a full batch suggests more is waiting. */
    private void swept(int served, boolean fullBatch) {
        if (fullBatch) {
            wakeUps.incrementAndGet();
        }
        if (wakeUps.addAndGet(-served) > 0) {
            sweep();
        }
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
