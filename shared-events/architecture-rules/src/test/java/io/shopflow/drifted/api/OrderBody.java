package io.shopflow.drifted.api;

public record OrderBody(String sku) {
}
