package io.shopflow.shipping;

import io.smallrye.config.ConfigMapping;
import java.util.List;

@ConfigMapping(prefix = "shopflow.shipping")
public interface ShippingConfig {

    /** The carriers orders are spread over; an order always gets the same one. */
    List<String> carriers();

    /** Days from scheduling to the estimated delivery. */
    int deliveryDays();
}
