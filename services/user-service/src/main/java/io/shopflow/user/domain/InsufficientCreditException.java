package io.shopflow.user.domain;

import java.math.BigDecimal;
import java.util.UUID;

public class InsufficientCreditException extends RuntimeException {
    public InsufficientCreditException(UUID id, BigDecimal amount) {
        super("User " + id + " does not have " + amount.negate() + " of credit to take");
    }
}
