package io.shopflow.inventory.domain;

import io.shopflow.problems.NotFoundException;
import io.shopflow.problems.ProblemException;

/** The ways a stock request is refused, each with its problem type. */
public final class InventoryProblems {

    private InventoryProblems() {
    }

    public static final class ProductNotFound extends NotFoundException {
        public ProductNotFound(String sku) {
            super("No product with sku " + sku);
        }
    }

    public static final class ReservationNotFound extends NotFoundException {
        public ReservationNotFound(String orderId) {
            super("No reservation for order " + orderId);
        }
    }

    public static final class StockBelowReserved extends ProblemException {
        public StockBelowReserved(String sku, int onHand, int reserved) {
            super("stock-below-reserved", "Stock below what is reserved", 409, "Cannot set " + sku + " to " + onHand
                    + " on hand: " + reserved + " are reserved by open orders");
        }
    }
}
