package io.shopflow.inventory.config;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "shopflow.inventory")
public interface InventoryConfig {

    /** Most skus one gRPC lookup or stock check may ask for. */
    int maxBatchSize();
}
