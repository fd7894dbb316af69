package io.shopflow.events;

import io.shopflow.events.inventory.StockCommitted;
import io.shopflow.events.inventory.StockRejected;
import io.shopflow.events.inventory.StockReleased;
import io.shopflow.events.inventory.StockReserved;
import io.shopflow.events.order.OrderCancelled;
import io.shopflow.events.order.OrderConfirmed;
import io.shopflow.events.order.OrderPaid;
import io.shopflow.events.order.OrderPlaced;
import io.shopflow.events.order.OrderPlacedUpcasters;
import io.shopflow.events.order.OrderShipped;
import io.shopflow.events.order.OrderStockReserved;
import io.shopflow.events.payment.PaymentCompleted;
import io.shopflow.events.payment.PaymentFailed;
import io.shopflow.events.payment.PaymentRefunded;
import io.shopflow.events.shipment.ShipmentScheduled;
import io.shopflow.events.user.UserErased;
import io.shopflow.events.user.UserRegistered;
import io.shopflow.events.user.UserUpcasters;
import io.shopflow.events.user.UserUpdated;

/** Every domain event of the platform and its upcasters, registered in one place. */
public final class PlatformEvents {

    private static final EventCatalog CATALOG = EventCatalog.builder()
            .event(UserRegistered.class)
            .upcaster("UserRegistered", 1, UserUpcasters::personalFieldsMarkedAsClearText)
            .event(UserUpdated.class)
            .upcaster("UserUpdated", 1, UserUpcasters::personalFieldsMarkedAsClearText)
            .event(UserErased.class)
            .event(OrderPlaced.class)
            .upcaster("OrderPlaced", 1, OrderPlacedUpcasters::v1ToV2)
            .upcaster("OrderPlaced", 2, OrderPlacedUpcasters::v2ToV3)
            .event(OrderStockReserved.class)
            .event(OrderPaid.class)
            .event(OrderConfirmed.class)
            .event(OrderShipped.class)
            .event(OrderCancelled.class)
            .event(StockReserved.class)
            .event(StockRejected.class)
            .event(StockReleased.class)
            .event(StockCommitted.class)
            .event(PaymentCompleted.class)
            .event(PaymentFailed.class)
            .event(PaymentRefunded.class)
            .event(ShipmentScheduled.class)
            .build();

    private PlatformEvents() {
    }

    public static EventCatalog catalog() {
        return CATALOG;
    }
}
