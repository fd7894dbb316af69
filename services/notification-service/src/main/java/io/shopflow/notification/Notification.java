package io.shopflow.notification;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A message to a user about one of their orders. */
public record Notification(UUID id, String userId, String orderId, String kind, String subject, String body,
                           String status, int attempts, String reason, OffsetDateTime createdAt,
                           OffsetDateTime sentAt) {
}
