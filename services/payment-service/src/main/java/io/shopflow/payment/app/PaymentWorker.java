package io.shopflow.payment.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.shopflow.events.DomainEvent;
import io.shopflow.events.payment.PaymentCompleted;
import io.shopflow.events.payment.PaymentFailed;
import io.shopflow.events.payment.PaymentRefunded;
import io.shopflow.events.quarkus.CoalescedWork;
import io.shopflow.events.quarkus.DomainEvents;
import io.shopflow.payment.client.PaymentProviderClient;
import io.shopflow.payment.client.ProviderOutcome;
import io.shopflow.payment.config.PaymentConfig;
import io.shopflow.payment.domain.Payment;
import io.shopflow.payment.persistence.PaymentRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Charges pending payments and refunds cancelled ones, outside any database transaction, then records the
 * outcomes of a sweep with their events in one (each alone if that fails, so one that cannot be recorded holds no
 * other back). Runs on a schedule and whenever a consumer committed new work. A payment the
 * provider could not take stays PENDING and is tried again with growing waits, up to a number of attempts,
 * before it fails; a crash between the charge and its outcome leaves it PENDING too, and the next attempt
 * reuses the payment id as the provider's reference, so it is never charged twice.
 */
@ApplicationScoped
public class PaymentWorker {

    private static final Logger LOG = Logger.getLogger(PaymentWorker.class);
    static final String PROVIDER_UNAVAILABLE = "payment provider unavailable";

    private final PaymentRepository payments;
    private final PaymentProviderClient provider;
    private final DomainEvents domainEvents;
    private final Pool pool;
    private final PaymentConfig.Work config;
    private final MeterRegistry registry;
    private final CoalescedWork wakeUps;

    public PaymentWorker(PaymentRepository payments, PaymentProviderClient provider, DomainEvents domainEvents,
                         Pool pool, PaymentConfig config, MeterRegistry registry) {
        this.payments = payments;
        this.provider = provider;
        this.domainEvents = domainEvents;
        this.pool = pool;
        this.config = config.work();
        this.registry = registry;
        this.wakeUps = new CoalescedWork("Payment work", Duration.ZERO,
                () -> workOnDue().map(claimed -> claimed == this.config.batchSize()));
    }

    /**
     * Starts working on what is due without making the caller wait (a consumer that just committed work). One piece
     * of work at a time: the wake-ups that come meanwhile are served together by the next, one claim and one
     * record for all their payments instead of each of their own.
     */
    public void wake() {
        wakeUps.wake();
    }

    /** The safety net: what a lost wake-up left (a crash, a provider that was down), as one more wake-up. */
    @Scheduled(every = "${shopflow.payment.work.sweep-every}")
    void sweep() {
        wake();
    }

    /** Works on one batch of what is due; returns how many payments it claimed. */
    private Uni<Integer> workOnDue() {
        return payments.claimDue(config.batchSize(), config.lease())
                .flatMap(claimed -> Multi.createFrom().iterable(claimed)
                        .onItem().transformToUniAndMerge(this::work)
                        .collect().asList()
                        .flatMap(this::recordAll)
                        .replaceWith(claimed.size()));
    }

    /**
     * What an attempt at a payment leaves to write: the outcome and its event, on the sweep's transaction. Until
     * it commits the payment stays claimed, so a sweep whose writes are lost is tried again after the lease, with
     * the payment id as the provider's reference: never charged twice.
     */
    @FunctionalInterface
    private interface Outcome {
        Uni<Void> record(SqlConnection tx);
    }

    private Uni<Void> recordAll(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.withTransaction(tx -> recordInTurn(tx, outcomes))
                .onFailure(failure -> outcomes.size() > 1).recoverWithUni(failure -> {
                    LOG.warnf("Recording %d payment outcomes together failed, recording each alone: %s",
                            outcomes.size(), failure.toString());
                    return Multi.createFrom().iterable(outcomes)
                            .onItem().transformToUniAndConcatenate(outcome -> pool.withTransaction(outcome::record)
                                    .onFailure().invoke(alone -> LOG.warn("A payment outcome could not be recorded; "
                                            + "its payment is tried again after the lease", alone))
                                    .onFailure().recoverWithNull())
                            .collect().last().replaceWithVoid();
                });
    }

    private static Uni<Void> recordInTurn(SqlConnection tx, List<Outcome> outcomes) {
        return Multi.createFrom().iterable(outcomes)
                .onItem().transformToUniAndConcatenate(outcome -> outcome.record(tx))
                .collect().last().replaceWithVoid();
    }

    private Uni<Outcome> work(Payment payment) {
        return switch (payment.status()) {
            case REFUND_PENDING -> refund(payment);
            case VOID_PENDING -> voidPayment(payment);
            default -> charge(payment);
        };
    }

    private Uni<Outcome> charge(Payment payment) {
        return provider.charge(payment.id().toString(), payment.amount().amount(), payment.amount().currency())
                .map(outcome -> {
                    if (outcome instanceof ProviderOutcome.Succeeded charged) {
                        return tx -> payments.complete(tx, payment.id(), charged.chargeId())
                                .flatMap(completed -> completed.isPresent()
                                        ? publish(tx, completed, done -> new PaymentCompleted(done.id().toString(),
                                                done.orderId(), done.userId(), done.amount(), charged.chargeId()))
                                        // Cancelled while the charge was in flight: give the money back.
                                        : refundUnwanted(tx, payment, charged.chargeId()));
                    }
                    if (outcome instanceof ProviderOutcome.Refused refused) {
                        return failed(payment, refused.reason(), payments::decline);
                    }
                    return payment.attempts() >= config.maxAttempts()
                            ? failed(payment, PROVIDER_UNAVAILABLE, payments::giveUp)
                            : tryLater(payment);
                });
    }

    /** How a payment that failed moves: declined for sure, or given up on and still to be voided. */
    @FunctionalInterface
    private interface Failing {
        Uni<Optional<Payment>> move(SqlConnection tx, UUID id, String reason);
    }

    private Outcome failed(Payment payment, String reason, Failing failing) {
        return tx -> failing.move(tx, payment.id(), reason)
                .flatMap(failed -> publish(tx, failed, done -> new PaymentFailed(done.id().toString(), done.orderId(),
                        done.userId(), done.amount(), reason)));
    }

    /**
     * A payment no longer wanted after attempts whose outcome is unknown (a timeout may hide a charge): the
     * provider is asked, and a charge it holds is refunded; otherwise the payment is void.
     */
    private Uni<Outcome> voidPayment(Payment payment) {
        return provider.lookup(payment.id().toString()).map(outcome -> {
            if (outcome instanceof ProviderOutcome.Succeeded found) {
                return tx -> refundUnwanted(tx, payment, found.chargeId());
            }
            if (outcome instanceof ProviderOutcome.NotCharged) {
                return tx -> payments.voided(tx, payment.id()).replaceWithVoid();
            }
            return tryLater(payment);
        });
    }

    /** Queues the refund of a charge no longer wanted; the next sweep makes it. */
    private Uni<Void> refundUnwanted(SqlConnection tx, Payment payment, String chargeId) {
        return payments.refundUnwantedCharge(tx, payment.id(), chargeId).replaceWithVoid();
    }

    private Uni<Outcome> refund(Payment payment) {
        return provider.refund(payment.providerReference()).map(outcome -> {
            if (outcome instanceof ProviderOutcome.Succeeded) {
                return tx -> payments.refunded(tx, payment.id())
                        .flatMap(refunded -> publish(tx, refunded, done -> new PaymentRefunded(done.id().toString(),
                                done.orderId(), done.userId(), done.amount(), done.reason())));
            }
            if (outcome instanceof ProviderOutcome.Refused refused) {
                // A refund the provider refuses needs a person: keep asking, slowly, and say so.
                LOG.errorf("The provider refused to refund payment %s (charge %s): %s", payment.id(),
                        payment.providerReference(), refused.reason());
            }
            return tryLater(payment);
        });
    }

    private Outcome tryLater(Payment payment) {
        var at = OffsetDateTime.now(ZoneOffset.UTC).plus(backoff(payment.attempts()));
        return tx -> payments.retryAt(tx, payment.id(), at);
    }

    /** initial, 2 x initial, 4 x initial... up to the maximum. */
    Duration backoff(int attempts) {
        var wait = config.initialBackoff().multipliedBy(1L << Math.min(attempts - 1, 20));
        return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
    }

    private Uni<Void> publish(SqlConnection tx, Optional<Payment> moved, Function<Payment, DomainEvent> event) {
        if (moved.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        var payment = moved.get();
        var outcome = event.apply(payment);
        registry.counter("shopflow.payments.outcome", "outcome", outcome.getClass().getSimpleName()).increment();
        return domainEvents.publishCausedBy(tx, payment.cause(), outcome);
    }
}
