package io.shopflow.events.inventory;

import io.shopflow.events.EventType;
import io.shopflow.events.SagaEvent;
import java.util.List;

/** Some lines of an order could not be reserved, so none is: all or nothing. */
@EventType(name = "StockRejected", version = 1, aggregate = "inventory")
public record StockRejected(String orderId, String userId, List<StockShortage> shortages) implements SagaEvent {

    public StockRejected {
        shortages = List.copyOf(shortages);
    }

    @Override
    public String aggregateId() {
        return orderId;
    }
}
