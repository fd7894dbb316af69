package io.shopflow.tidy.config;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "tidy")
public interface TidyConfig {
    int limit();
}
