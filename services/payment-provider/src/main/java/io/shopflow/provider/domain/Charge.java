package io.shopflow.provider.domain;

import java.math.BigDecimal;
import java.time.Instant;

/** Money taken from a card, once per merchant reference; {@code refunded} once given back. */
public record Charge(String id, String reference, BigDecimal amount, String currency, boolean refunded,
                     Instant createdAt) {

    public Charge asRefunded() {
        return new Charge(id, reference, amount, currency, true, createdAt);
    }
}
