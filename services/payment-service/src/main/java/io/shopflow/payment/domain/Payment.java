package io.shopflow.payment.domain;

import io.shopflow.events.EventCause;
import io.shopflow.events.order.Money;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One order's payment.
 *
 * @param amount null for a tombstone (an order cancelled before its stock was reserved)
 * @param cause  the event the next outcome will name as its cause: StockReserved, or OrderCancelled for a refund
 */
public record Payment(UUID id, String orderId, String userId, Money amount, PaymentStatus status, int attempts,
                      String providerReference, String reason, EventCause cause, OffsetDateTime createdAt,
                      OffsetDateTime updatedAt) {

    /** The one payment id of an order: the same whoever computes it, so a redelivery cannot make a second. */
    public static UUID idOf(String orderId) {
        return UUID.nameUUIDFromBytes(("payment:" + orderId).getBytes(StandardCharsets.UTF_8));
    }
}
