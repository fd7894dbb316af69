package io.shopflow.observability;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code shopflow.correlation.*}: how the correlation id of a business flow travels between services. */
@ConfigMapping(prefix = "shopflow.correlation")
public interface CorrelationConfig {

    /**
     * The HTTP header carrying it; in gRPC metadata, the same name in lower case. Kept when well-formed, made up
     * otherwise, and returned on every answer.
     */
    @WithDefault("X-Correlation-Id")
    String header();
}
