package io.shopflow.shipping.domain;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A confirmed order on its way. */
public record Shipment(UUID id, String orderId, String userId, String carrier, LocalDate estimatedDelivery,
                       String status, OffsetDateTime createdAt) {

    public static final String SCHEDULED = "SCHEDULED";

    /** The one shipment id of an order, whoever computes it. */
    public static UUID idOf(String orderId) {
        return UUID.nameUUIDFromBytes(("shipment:" + orderId).getBytes(StandardCharsets.UTF_8));
    }
}
