package io.shopflow.notification;

import io.shopflow.events.DomainEvent;
import io.shopflow.events.order.OrderCancelled;
import io.shopflow.events.order.OrderConfirmed;
import io.shopflow.events.payment.PaymentRefunded;
import io.shopflow.events.shipment.ShipmentScheduled;
import java.util.Optional;

/** What a user is told about each order event worth telling: one place for the wording. */
final class Messages {

    /** A message about an order, before it has an address. */
    record Message(String userId, String orderId, String kind, String subject, String body) {
    }

    private Messages() {
    }

    static Optional<Message> about(DomainEvent event) {
        if (event instanceof OrderConfirmed confirmed) {
            return Optional.of(new Message(confirmed.userId(), confirmed.orderId(), "ORDER_CONFIRMED",
                    "Your order is confirmed", "We received your payment of " + confirmed.total().amount() + " "
                    + confirmed.total().currency() + " for order " + confirmed.orderId() + ". It will ship soon."));
        }
        if (event instanceof ShipmentScheduled scheduled) {
            return Optional.of(new Message(scheduled.userId(), scheduled.orderId(), "ORDER_SHIPPED",
                    "Your order is on its way", "Order " + scheduled.orderId() + " ships with " + scheduled.carrier()
                    + " and should arrive on " + scheduled.estimatedDelivery() + "."));
        }
        if (event instanceof OrderCancelled cancelled) {
            return Optional.of(new Message(cancelled.userId(), cancelled.orderId(), "ORDER_CANCELLED",
                    "Your order was cancelled", "Order " + cancelled.orderId() + " was cancelled: " + cancelled.reason()
                    + ". Nothing was charged, or it is being refunded."));
        }
        if (event instanceof PaymentRefunded refunded) {
            return Optional.of(new Message(refunded.userId(), refunded.orderId(), "PAYMENT_REFUNDED",
                    "Your payment was refunded", refunded.amount().amount() + " " + refunded.amount().currency()
                    + " for order " + refunded.orderId() + " is on its way back to you."));
        }
        return Optional.empty();
    }
}
