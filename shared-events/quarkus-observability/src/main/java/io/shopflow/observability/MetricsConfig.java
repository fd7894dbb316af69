package io.shopflow.observability;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** Which timers keep latency histograms for Prometheus, and the range their buckets cover. */
@ConfigMapping(prefix = "shopflow.metrics.histograms")
public interface MetricsConfig {

    /** Timer name prefixes: HTTP and gRPC, servers and clients, and the platform's own ({@code shopflow.}). */
    @WithDefault("http.server.requests,http.client.requests,grpc.server,grpc.client,shopflow.")
    List<String> timers();

    /** The smallest latency told apart; faster ones share the first bucket. */
    @WithDefault("1ms")
    Duration minimum();

    /** The largest latency told apart; slower ones share the last bucket. */
    @WithDefault("30s")
    Duration maximum();
}
