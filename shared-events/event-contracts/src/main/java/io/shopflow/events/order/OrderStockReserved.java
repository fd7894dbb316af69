package io.shopflow.events.order;

import io.shopflow.events.EventType;
import io.shopflow.events.SagaEvent;

/** The order learnt that inventory reserved its stock (StockReserved): it now waits for payment. */
@EventType(name = "OrderStockReserved", version = 1, aggregate = "order")
public record OrderStockReserved(String orderId) implements SagaEvent {

    @Override
    public String aggregateId() {
        return orderId;
    }
}
