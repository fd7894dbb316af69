package io.shopflow.events.inventory;

import io.shopflow.events.EventType;
import io.shopflow.events.SagaEvent;
import io.shopflow.events.order.Money;
import java.util.List;

/**
 * Every line of an order is reserved. The reservation's id is the order id (one reservation per order). Carries
 * the user and the amount forward, so that payment can charge without asking order-service.
 */
@EventType(name = "StockReserved", version = 1, aggregate = "inventory")
public record StockReserved(String orderId, String userId, List<StockLine> lines, Money total) implements SagaEvent {

    public StockReserved {
        lines = List.copyOf(lines);
    }

    @Override
    public String aggregateId() {
        return orderId;
    }
}
