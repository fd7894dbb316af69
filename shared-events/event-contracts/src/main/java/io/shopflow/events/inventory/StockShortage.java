package io.shopflow.events.inventory;

/** A line that could not be reserved: how many were asked for and how many were free (0 for an unknown sku). */
public record StockShortage(String sku, int requested, int available) {
}
