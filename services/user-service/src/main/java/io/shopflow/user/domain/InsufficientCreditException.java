package io.shopflow.user.domain;

import io.shopflow.problems.ProblemException;
import java.math.BigDecimal;
import java.util.UUID;

public class InsufficientCreditException extends ProblemException {
    public InsufficientCreditException(UUID id, BigDecimal amount) {
        super("insufficient-credit", "Not enough credit", 409, "User " + id + " does not have " + amount.negate() + " of credit to take");
    }
}
