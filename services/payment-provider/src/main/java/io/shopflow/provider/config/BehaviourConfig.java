package io.shopflow.provider.config;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** The behaviour the provider starts with. */
@ConfigMapping(prefix = "provider.behaviour")
public interface BehaviourConfig {

    Duration latency();

    double failureRate();

    double declineRate();
}
