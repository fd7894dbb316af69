package io.shopflow.inventory.domain;

import java.math.BigDecimal;

/** A product with its stock: {@code available} is what a new order can still reserve. */
public record Product(String sku, String name, BigDecimal unitPrice, String currency, int onHand, int reserved) {

    public int available() {
        return onHand - reserved;
    }
}
