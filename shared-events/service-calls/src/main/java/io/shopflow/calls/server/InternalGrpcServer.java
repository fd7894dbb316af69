package io.shopflow.calls.server;

import io.quarkus.grpc.api.ServerBuilderCustomizer;
import io.quarkus.grpc.runtime.config.GrpcServerConfiguration;
import io.vertx.grpc.VertxServerBuilder;
import jakarta.inject.Singleton;

/**
 * Applies {@link InternalGrpcServerConfig}, and {@link UnreadableRequestsAsNull}, to the separate gRPC server
 * (grpc-java's Netty server, which Quarkus builds through a {@link VertxServerBuilder} when
 * {@code quarkus.grpc.server.use-separate-server=true}). Quarkus has no property for the rapid-reset limit, so this is
 * its documented extension point, a {@link ServerBuilderCustomizer}.
 * The gRPC server on the HTTP port (Vert.x') is not touched: that is the public edge's listener.
 */
@Singleton
class InternalGrpcServer implements ServerBuilderCustomizer<VertxServerBuilder> {

    private final InternalGrpcServerConfig config;

    InternalGrpcServer(InternalGrpcServerConfig config) {
        this.config = config;
    }

    @Override
    public void customize(GrpcServerConfiguration serverConfig, VertxServerBuilder builder) {
        builder.nettyBuilder().maxRstFramesPerWindow(config.maxResets(),
                        Math.toIntExact(config.resetWindow().toSeconds()))
                .setBinaryLog(new UnreadableRequestsAsNull());
    }
}
