package io.shopflow.drifted.app;

import io.smallrye.config.ConfigMapping;

/** A mapping outside config. */
@ConfigMapping(prefix = "drifted")
public interface AppConfig {
    int limit();
}
