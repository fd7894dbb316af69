package io.shopflow.shipping.config;

import io.smallrye.config.ConfigMapping;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Positive;
import java.util.List;

@ConfigMapping(prefix = "shopflow.shipping")
public interface ShippingConfig {

    /** The carriers orders are spread over; an order always gets the same one. */
    @NotEmpty
    List<String> carriers();

    /** Days from scheduling to the estimated delivery. */
    @Positive
    int deliveryDays();
}
