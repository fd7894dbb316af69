package io.shopflow.calls.balancing;

import io.smallrye.stork.api.LoadBalancer;
import io.smallrye.stork.api.NoServiceInstanceFoundException;
import io.smallrye.stork.api.ServiceInstance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Least response time: each call goes to the instance whose recent calls answered fastest. Response times are
 * smoothed (each call weighs {@link #NEWEST_CALL_WEIGHT}), a call that failed counts as if it had taken
 * {@code errorPenalty} longer, and an instance never measured is tried first. Since calls then go to one instance
 * only, an instance left alone for {@code probeInterval} gets the next call, and that probe's time replaces its
 * stale score, so one that became fast again wins its calls back at once. Instances that keep failing are left
 * out for a while ({@link Ejections}).
 *
 * <p>Stork has a least-response-time balancer of its own, but on Quarkus' gRPC channel it gets no timings (see
 * {@link PickedInstance}); this one learns them from {@link BalancingInterceptor}.
 */
final class FastestResponseLoadBalancer implements LoadBalancer {

    /** Weight of the newest call in an instance's score: a few calls move it, one outlier does not. */
    static final double NEWEST_CALL_WEIGHT = 0.3;

    /** An instance's smoothed response time, and when it was last picked. */
    private record Score(double nanos, Instant pickedAt) {
    }

    private final Duration errorPenalty;
    private final Duration probeInterval;
    private final Ejections ejections;
    private final Clock clock;
    private final Map<String, Score> scores = new ConcurrentHashMap<>();

    FastestResponseLoadBalancer(Duration errorPenalty, Duration probeInterval, Ejections ejections, Clock clock) {
        this.errorPenalty = errorPenalty;
        this.probeInterval = probeInterval;
        this.ejections = ejections;
        this.clock = clock;
    }

    @Override
    public synchronized ServiceInstance selectServiceInstance(Collection<ServiceInstance> instances) {
        if (instances.isEmpty()) {
            throw new NoServiceInstanceFoundException("No service instance to choose from");
        }
        Instant now = clock.instant();
        Instant probeIfPickedBefore = now.minus(probeInterval);
        var candidates = ejections.healthy(instances);
        var due = candidates.stream().filter(instance -> {
            var score = scores.get(Addresses.of(instance));
            return score == null || !score.pickedAt().isAfter(probeIfPickedBefore);
        }).findFirst();
        var chosen = due.orElseGet(() -> candidates.stream()
                .min(Comparator.comparingDouble(instance -> scores.get(Addresses.of(instance)).nanos()))
                .orElseThrow());
        String address = Addresses.of(chosen);
        boolean remeasure = due.isPresent();
        scores.compute(address, (key, score) -> new Score(score == null ? 0 : score.nanos(), now));
        PickedInstance.onOutcome((healthy, took) -> {
            ejections.record(address, healthy);
            record(address, healthy ? took : took.plus(errorPenalty), remeasure);
        });
        return chosen;
    }

    private void record(String address, Duration took, boolean remeasure) {
        scores.computeIfPresent(address, (key, score) -> new Score(remeasure ? took.toNanos()
                : NEWEST_CALL_WEIGHT * took.toNanos() + (1 - NEWEST_CALL_WEIGHT) * score.nanos(), score.pickedAt()));
    }
}
