package io.shopflow.notification.domain;

import io.shopflow.events.order.Money;
import io.shopflow.events.order.OrderCancelled;
import io.shopflow.events.order.OrderConfirmed;
import io.shopflow.events.order.OrderPlaced;
import io.shopflow.events.order.OrderShipped;
import io.shopflow.events.payment.PaymentRefunded;

/** What a user is told about each order event worth telling: one place for the wording. */
public final class Messages {

    /** A message about an order, before it has a recipient. */
    public record Message(String kind, String subject, String body) {
    }

    private Messages() {
    }

    public static Message placed(OrderPlaced placed) {
        return new Message("ORDER_PLACED", "We received your order", "Thank you for order " + placed.orderId()
                + " (" + amount(placed.total()) + "). We are reserving the items and taking the payment.");
    }

    public static Message confirmed(OrderConfirmed confirmed) {
        return new Message("ORDER_CONFIRMED", "Your order is confirmed", "We received your payment of "
                + amount(confirmed.total()) + " for order " + confirmed.orderId() + ". It will ship soon.");
    }

    public static Message shipped(OrderShipped shipped) {
        return new Message("ORDER_SHIPPED", "Your order is on its way", "Order " + shipped.orderId()
                + " has been handed to the carrier (shipment " + shipped.shipmentId() + ").");
    }

    public static Message cancelled(OrderCancelled cancelled) {
        return new Message("ORDER_CANCELLED", "Your order was cancelled", "Order " + cancelled.orderId()
                + " was cancelled: " + cancelled.reason() + ". Nothing was charged, or it is being refunded.");
    }

    public static Message refunded(PaymentRefunded refunded) {
        return new Message("PAYMENT_REFUNDED", "Your payment was refunded", amount(refunded.amount())
                + " for order " + refunded.orderId() + " is on its way back to you.");
    }

    private static String amount(Money money) {
        return money.amount().toPlainString() + " " + money.currency();
    }
}
