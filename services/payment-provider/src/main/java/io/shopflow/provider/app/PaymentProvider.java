package io.shopflow.provider.app;

import io.shopflow.provider.api.ChargeRequest;
import io.shopflow.provider.config.BehaviourConfig;
import io.shopflow.provider.domain.Behaviour;
import io.shopflow.provider.domain.Charge;
import io.shopflow.provider.domain.ProviderProblems.CardDeclined;
import io.shopflow.provider.domain.ProviderProblems.ChargeNotFound;
import io.shopflow.provider.domain.ProviderProblems;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;

/**
 * The simulated provider's books: at most one charge per reference, whatever the number of attempts, which is
 * what lets payment-service retry safely. Outages and declines follow the current {@link Behaviour}.
 */
@ApplicationScoped
public class PaymentProvider {

    /** A charge answer: the charge, and whether this call created it (201) or found it (200). */
    public record Charged(Charge charge, boolean created) {
    }

    private final Map<String, Charge> byReference = new ConcurrentHashMap<>();
    private final Map<String, String> referenceById = new ConcurrentHashMap<>();
    private final AtomicReference<Behaviour> behaviour;
    private final RandomGenerator dice;

    public PaymentProvider(BehaviourConfig config, RandomGenerator dice) {
        this.dice = dice;
        behaviour = new AtomicReference<>(new Behaviour((int) config.latency().toMillis(), config.failureRate(),
                config.declineRate()));
    }

    public Behaviour behaviour() {
        return behaviour.get();
    }

    public void behave(Behaviour newBehaviour) {
        behaviour.set(newBehaviour);
    }

    /** How long the current behaviour makes each call wait. */
    public Duration latency() {
        return Duration.ofMillis(behaviour.get().latencyMs());
    }

    public Charged charge(ChargeRequest request) {
        failIfHavingAnOutage();
        var existing = byReference.get(request.reference());
        if (existing != null) {
            return new Charged(existing, false);
        }
        if (roll(behaviour.get().declineRate())) {
            throw new CardDeclined(request.reference());
        }
        var created = new Charge("ch_" + UUID.randomUUID(), request.reference(), request.amount(), request.currency(),
                false, Instant.now());
        var charge = byReference.computeIfAbsent(request.reference(), reference -> created);
        referenceById.putIfAbsent(charge.id(), charge.reference());
        return new Charged(charge, charge == created);
    }

    public Charge refund(String chargeId) {
        failIfHavingAnOutage();
        var reference = referenceById.get(chargeId);
        if (reference == null) {
            throw new ChargeNotFound(chargeId);
        }
        return byReference.computeIfPresent(reference, (key, charge) -> charge.asRefunded());
    }

    /** Every charge, oldest first, or those of one reference. */
    public List<Charge> charges(String reference) {
        return byReference.values().stream()
                .filter(charge -> reference == null || charge.reference().equals(reference))
                .sorted(Comparator.comparing(Charge::createdAt))
                .toList();
    }

    private void failIfHavingAnOutage() {
        if (roll(behaviour.get().failureRate())) {
            throw ProviderProblems.outage();
        }
    }

    private boolean roll(double rate) {
        return rate > 0 && dice.nextDouble() < rate;
    }
}
