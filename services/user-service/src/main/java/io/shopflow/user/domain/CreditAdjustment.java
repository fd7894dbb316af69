package io.shopflow.user.domain;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;

/** Adds to (positive amount) or takes from (negative amount) a user's credit; credit never goes below zero. */
public record CreditAdjustment(
        @NotNull @Digits(integer = Rules.CREDIT_INTEGER_DIGITS, fraction = Rules.CREDIT_FRACTION_DIGITS)
        BigDecimal amount) {
}
