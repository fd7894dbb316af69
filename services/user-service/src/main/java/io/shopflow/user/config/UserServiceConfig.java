package io.shopflow.user.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "user-service")
public interface UserServiceConfig {

    /** Most ids one batch lookup may ask for; bigger batches are refused rather than slowing everyone. */
    @WithDefault("500")
    int maxBatchSize();
}
