package io.shopflow.events.inventory;

/** A quantity of one product. */
public record StockLine(String sku, int quantity) {
}
