package io.shopflow.events;

import io.shopflow.events.order.OrderCancelled;
import io.shopflow.events.order.OrderConfirmed;
import io.shopflow.events.order.OrderPlaced;
import io.shopflow.events.order.OrderPlacedUpcasters;
import io.shopflow.events.user.UserRegistered;
import io.shopflow.events.user.UserUpdated;

/** Every domain event of the platform and its upcasters, registered in one place. */
public final class PlatformEvents {

    private static final EventCatalog CATALOG = EventCatalog.builder()
            .event(UserRegistered.class)
            .event(UserUpdated.class)
            .event(OrderPlaced.class)
            .upcaster("OrderPlaced", 1, OrderPlacedUpcasters::v1ToV2)
            .upcaster("OrderPlaced", 2, OrderPlacedUpcasters::v2ToV3)
            .event(OrderConfirmed.class)
            .event(OrderCancelled.class)
            .build();

    private PlatformEvents() {
    }

    public static EventCatalog catalog() {
        return CATALOG;
    }
}
