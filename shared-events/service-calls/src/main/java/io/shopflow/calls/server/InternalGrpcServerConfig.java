package io.shopflow.calls.server;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Limits of the gRPC server that other services call (the separate grpc-java server, decision 0003), not of the
 * public HTTP edge, which keeps Vert.x' protective rapid-reset default (200 per 30 s).
 */
@ConfigMapping(prefix = "shopflow.grpc.server")
public interface InternalGrpcServerConfig {

    /**
     * Stream resets (RST_STREAM) a connection may send within {@link #resetWindow()} before the server closes it
     * (GOAWAY ENHANCE_YOUR_CALM, which fails every call in flight on it). A caller between services cuts calls off
     * when its deadlines expire during an overload: order-service's limits (20 calls in flight, 100 queued, 1.5 s
     * deadlines) allow about 80 resets a second on one connection, so 2000 in 10 s (200 a second) leaves it room and
     * still ends a CVE-2023-44487 rapid-reset flood, which sends thousands a second. grpc-java sets no limit of its own.
     */
    @WithDefault("2000")
    int maxResets();

    /** The window {@link #maxResets()} counts over. */
    @WithDefault("10s")
    Duration resetWindow();
}
