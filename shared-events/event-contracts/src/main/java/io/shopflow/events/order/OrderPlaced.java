package io.shopflow.events.order;

import io.shopflow.events.EventType;
import io.shopflow.events.SagaEvent;
import java.util.List;

/**
 * A user placed an order; the saga starts here. Version 3. Older stored versions are read through
 * {@link OrderPlacedUpcasters}: v1 -> v2 renamed {@code customerId} and added {@code currency}, v2 -> v3 turned
 * {@code items}/{@code total}/{@code currency} into {@code lines} and a {@link Money} total.
 */
@EventType(name = "OrderPlaced", version = 3, aggregate = "order")
public record OrderPlaced(String orderId, String userId, List<OrderLine> lines, Money total) implements SagaEvent {

    public OrderPlaced {
        lines = List.copyOf(lines);
    }

    @Override
    public String aggregateId() {
        return orderId;
    }
}
