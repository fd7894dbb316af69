package io.shopflow.notification.domain;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A message to a user about one of their orders. */
public record Notification(UUID id, String userId, String orderId, String kind, String subject, String body,
                           String status, int attempts,
                           @Schema(nullable = true, description = "Why the last attempt failed") String reason,
                           OffsetDateTime createdAt,
                           @Schema(nullable = true, description = "Null until sent") OffsetDateTime sentAt) {
}
