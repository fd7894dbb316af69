package io.shopflow.calls.balancing;

import io.grpc.Context;
import io.grpc.Status;
import java.util.function.Consumer;

/**
 * One call's view of the instance its load balancer picked: the balancer registers what to do with the call's
 * outcome, {@link BalancingInterceptor} reports the outcome when the call closes. This is how the balancers learn
 * that an instance is failing, because Stork's gRPC integration records no call statistics.
 */
final class PickedInstance {

    static final Context.Key<PickedInstance> CURRENT = Context.key("shopflow-picked-instance");

    private volatile Consumer<Boolean> outcome = healthy -> { };

    /** Called by the balancer that picks the instance for the call in the current context, if any. */
    static void onOutcome(Consumer<Boolean> outcome) {
        var picked = CURRENT.get();
        if (picked != null) {
            picked.outcome = outcome;
        }
    }

    /**
     * Reports how the instance did. Only what says something about the instance counts against it: it could not
     * be reached or did not answer in time. Application errors and cancellations by the caller do not.
     */
    void closedWith(Status status) {
        switch (status.getCode()) {
            case UNAVAILABLE, DEADLINE_EXCEEDED -> outcome.accept(false);
            case CANCELLED -> { }
            default -> outcome.accept(true);
        }
    }
}
