package io.shopflow.calls.balancing;

import io.grpc.Context;
import io.grpc.Status;

/**
 * One call's view of the instance its load balancer picked: the balancer registers what to do with the call's
 * outcome, {@link BalancingInterceptor} reports the outcome when the call closes. This is how the balancer learns
 * that an instance is failing: Stork's selection API sees only the candidate instances, and Quarkus' own Stork call
 * statistics do not reach the balancer on the gRPC channel (docs/calls-between-services.md, Finding and picking
 * instances).
 */
final class PickedInstance {

    static final Context.Key<PickedInstance> CURRENT = Context.key("shopflow-picked-instance");

    /** What a balancer learns from one call to the instance it picked. */
    @FunctionalInterface
    interface Outcome {
        /** @param healthy whether the instance answered (any answer, errors included) in time */
        void closed(boolean healthy);
    }

    private volatile Outcome outcome = healthy -> { };

    /** Called by the balancer that picks the instance for the call in the current context, if any. */
    static void onOutcome(Outcome outcome) {
        var picked = CURRENT.get();
        if (picked != null) {
            picked.outcome = outcome;
        }
    }

    /**
     * Reports how the instance did. Only what says something about the instance counts against it: it could not
     * be reached or did not answer in time. Application errors are answers; cancellations by the caller say nothing.
     */
    void closedWith(Status status) {
        switch (status.getCode()) {
            case UNAVAILABLE, DEADLINE_EXCEEDED -> outcome.closed(false);
            case CANCELLED -> { }
            default -> outcome.closed(true);
        }
    }
}
