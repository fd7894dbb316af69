package io.shopflow.user.domain;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;

/**
 * What it takes to register a user. These constraints are the single source of truth for the REST and
 * the gRPC API alike: {@link io.shopflow.user.app.UserDirectory} validates them whichever way the request came in.
 */
public record NewUser(
        @NotNull @PersonName String name,
        @NotNull @EmailAddress String email,
        @NotNull @PostalAddress String address,
        @DecimalMin("0.00") @Digits(integer = Rules.CREDIT_INTEGER_DIGITS, fraction = Rules.CREDIT_FRACTION_DIGITS)
        BigDecimal initialCredit) {

    public BigDecimal initialCreditOrZero() {
        return initialCredit == null ? BigDecimal.ZERO : initialCredit;
    }
}
