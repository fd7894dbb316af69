package io.shopflow.order.api;

import io.shopflow.order.app.PlaceOrder;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** The body of {@code POST /api/v1/orders}: who orders what. Prices come from the catalogue, never the client. */
public record PlaceOrderRequest(@NotBlank String userId, @NotEmpty List<@NotNull @Valid Line> lines) {

    public record Line(@NotBlank String sku, @NotNull @Min(1) Integer quantity) {
    }

    /** The use case's command; called once the body is valid, so no field is null. */
    public PlaceOrder command() {
        return new PlaceOrder(userId, lines.stream().map(line -> new PlaceOrder.Line(line.sku(), line.quantity()))
                .toList());
    }
}
