package io.shopflow.calls.balancing;

import io.smallrye.stork.api.ServiceInstance;
import io.smallrye.stork.utils.DurationUtils;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Passive health checking (outlier ejection): an instance whose calls failed {@code failuresToEject} times in a
 * row is left out of the rotation for {@code ejectionTime}; then it is offered again, and its next call decides:
 * a success keeps it in, a failure ejects it again at once. When every instance is ejected all are offered, since
 * trying is better than failing every call. Instances are known by {@code host:port}.
 */
final class Ejections {

    /** Consecutive failures of one instance; once ejected, also until when. */
    private record Health(int failures, Instant ejectedUntil) {
    }

    private final int failuresToEject;
    private final Duration ejectionTime;
    private final Clock clock;
    private final Map<String, Health> health = new ConcurrentHashMap<>();

    Ejections(int failuresToEject, Duration ejectionTime, Clock clock) {
        this.failuresToEject = failuresToEject;
        this.ejectionTime = ejectionTime;
        this.clock = clock;
    }

    /** From a balancer's {@code failures-to-eject} and {@code ejection-time} attributes. */
    static Ejections configured(String failuresToEject, String ejectionTime) {
        return new Ejections(Addresses.positive(failuresToEject, "failures-to-eject=" + failuresToEject),
                DurationUtils.parseDuration(ejectionTime, "ejection-time"), Clock.systemUTC());
    }

    /** The instances not ejected now; all of them when that would leave none. */
    List<ServiceInstance> healthy(Collection<ServiceInstance> instances) {
        Instant now = clock.instant();
        var healthy = instances.stream().filter(instance -> {
            var state = health.get(Addresses.of(instance));
            return state == null || state.ejectedUntil() == null || !now.isBefore(state.ejectedUntil());
        }).toList();
        return healthy.isEmpty() ? List.copyOf(instances) : healthy;
    }

    /** Counts the outcome of the current call (if {@link BalancingInterceptor} reports it) against {@code instance}. */
    void track(ServiceInstance instance) {
        String address = Addresses.of(instance);
        PickedInstance.onOutcome(succeeded -> record(address, succeeded));
    }

    void record(String address, boolean succeeded) {
        if (succeeded) {
            health.remove(address);
            return;
        }
        health.compute(address, (key, state) -> {
            // Back from an ejection, one failure is enough to go out again.
            int failures = state == null ? 1 : state.ejectedUntil() != null ? failuresToEject : state.failures() + 1;
            return new Health(failures, failures >= failuresToEject ? clock.instant().plus(ejectionTime) : null);
        });
    }
}
