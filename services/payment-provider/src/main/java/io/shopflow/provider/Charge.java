package io.shopflow.provider;

import java.math.BigDecimal;
import java.time.Instant;

/** Money taken from a card, once per merchant reference; {@code refunded} once given back. */
public record Charge(String id, String reference, BigDecimal amount, String currency, boolean refunded,
                     Instant createdAt) {

    Charge asRefunded() {
        return new Charge(id, reference, amount, currency, true, createdAt);
    }
}
