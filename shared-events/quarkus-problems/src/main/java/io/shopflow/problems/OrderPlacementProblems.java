package io.shopflow.problems;

import java.util.Collection;

/**
 * The refusals of an order's placement that both the gateway's checks and order-service make: one contract (404
 * with the same problem type and detail) whichever of them refuses the order.
 */
public final class OrderPlacementProblems {

    private OrderPlacementProblems() {
    }

    public static final class UnknownUser extends ProblemException {
        public UnknownUser(String userId) {
            super("unknown-user", "Unknown user", 404, "No user with id " + userId);
        }
    }

    public static final class UnknownProducts extends ProblemException {
        public UnknownProducts(Collection<String> skus) {
            super("unknown-product", "Unknown product", 404, "Not in the catalogue: " + String.join(", ", skus));
        }
    }
}
