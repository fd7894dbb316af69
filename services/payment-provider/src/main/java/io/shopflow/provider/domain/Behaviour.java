package io.shopflow.provider.domain;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * How the provider answers: after {@code latencyMs}, a share {@code failureRate} of calls fail with 503 (nothing
 * charged, worth retrying) and a share {@code declineRate} of new charges are declined with 402 (not worth it).
 */
public record Behaviour(@NotNull @Min(0) @Max(60_000) Integer latencyMs,
                       @NotNull @DecimalMin("0") @DecimalMax("1") Double failureRate,
                       @NotNull @DecimalMin("0") @DecimalMax("1") Double declineRate) {
}
