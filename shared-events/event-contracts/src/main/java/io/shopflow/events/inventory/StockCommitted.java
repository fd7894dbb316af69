package io.shopflow.events.inventory;

import io.shopflow.events.EventType;
import io.shopflow.events.SagaEvent;
import java.util.List;

/** The order was confirmed: its reserved lines have left the stock for good. */
@EventType(name = "StockCommitted", version = 1, aggregate = "inventory")
public record StockCommitted(String orderId, List<StockLine> lines) implements SagaEvent {

    public StockCommitted {
        lines = List.copyOf(lines);
    }

    @Override
    public String aggregateId() {
        return orderId;
    }
}
