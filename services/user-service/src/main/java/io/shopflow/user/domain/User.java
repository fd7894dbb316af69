package io.shopflow.user.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A registered customer as user-service stores it. Immutable: every change produces a new version. */
public record User(
        UUID id,
        String name,
        String email,
        String address,
        BigDecimal credit,
        long version,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {
}
