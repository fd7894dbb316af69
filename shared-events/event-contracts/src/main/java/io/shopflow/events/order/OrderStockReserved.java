package io.shopflow.events.order;

import io.shopflow.events.DomainEvent;
import io.shopflow.events.EventType;

/** The order learnt that inventory reserved its stock (StockReserved): it now waits for payment. */
@EventType(name = "OrderStockReserved", version = 1, aggregate = "order")
public record OrderStockReserved(String orderId) implements DomainEvent {

    @Override
    public String aggregateId() {
        return orderId;
    }
}
