package io.shopflow.order.domain;

import io.shopflow.problems.NotFoundException;
import io.shopflow.problems.ProblemException;
import java.util.UUID;

/**
 * The ways placing or reading an order is refused, each with its problem type (an unknown user or product: see
 * {@link io.shopflow.problems.OrderPlacementProblems}, shared with the gateway's checks).
 */
public final class OrderProblems {

    private OrderProblems() {
    }

    public static final class OrderNotFound extends NotFoundException {
        public OrderNotFound(String id) {
            super("No order with id " + id);
        }
    }

    public static final class IdempotencyKeyReused extends ProblemException {
        public IdempotencyKeyReused(UUID firstOrder) {
            super("idempotency-key-reused", "Idempotency-Key reused", 422, "This Idempotency-Key already placed order "
                    + firstOrder + " with a different request; use a new key for a new order");
        }
    }

    public static final class ViewRebuildRunning extends ProblemException {
        public ViewRebuildRunning() {
            super("view-rebuild-running", "A rebuild is running", 409,
                    "A rebuild of the orders read model is running; GET the same address to follow it");
        }
    }

    public static final class NoViewRebuild extends NotFoundException {
        public NoViewRebuild() {
            super("The orders read model was never rebuilt");
        }
    }
}
