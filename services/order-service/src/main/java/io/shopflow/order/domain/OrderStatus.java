package io.shopflow.order.domain;

/**
 * Where an order is in the saga: PENDING -> STOCK_RESERVED -> PAID -> CONFIRMED (-> SHIPPED), or CANCELLED.
 * PAID is passed through on the way to CONFIRMED: paying is what confirms an order whose stock is reserved.
 */
public enum OrderStatus {
    PENDING, STOCK_RESERVED, PAID, CONFIRMED, SHIPPED, CANCELLED;

    /** The saga is over: the order will be fulfilled or never will; its deadline no longer applies. */
    public boolean sagaEnded() {
        return this == CONFIRMED || this == SHIPPED || this == CANCELLED;
    }
}
