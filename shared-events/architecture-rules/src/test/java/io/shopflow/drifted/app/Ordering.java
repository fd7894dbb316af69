package io.shopflow.drifted.app;

import io.shopflow.drifted.api.OrderBody;

/** Takes the REST body: the application depends on its edge. */
public class Ordering {
    public String place(OrderBody body) {
        return body.sku();
    }
}
