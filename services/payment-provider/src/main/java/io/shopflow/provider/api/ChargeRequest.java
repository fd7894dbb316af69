package io.shopflow.provider.api;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/** A charge request: {@code reference} is the merchant's id for it, and makes it idempotent. */
public record ChargeRequest(@NotBlank @Size(max = 100) String reference,
                            @NotNull @DecimalMin("0.01") BigDecimal amount,
                            @NotNull @Pattern(regexp = "[A-Z]{3}") String currency) {
}
