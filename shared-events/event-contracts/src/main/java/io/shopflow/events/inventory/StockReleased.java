package io.shopflow.events.inventory;

import io.shopflow.events.EventType;
import io.shopflow.events.SagaEvent;
import java.util.List;

/** A compensation: the order's reserved lines are free again, because the order was cancelled or not paid. */
@EventType(name = "StockReleased", version = 1, aggregate = "inventory")
public record StockReleased(String orderId, List<StockLine> lines, String reason) implements SagaEvent {

    public StockReleased {
        lines = List.copyOf(lines);
    }

    @Override
    public String aggregateId() {
        return orderId;
    }
}
