package io.shopflow.observability;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Where a service's spans go, and how many of the traces it starts are kept. */
@ConfigMapping(prefix = "shopflow.tracing")
public interface TracingConfig {

    /**
     * The OTLP (gRPC) endpoint spans are exported to, e.g. a collector or Jaeger at {@code http://localhost:4317}.
     * Unset: no span is recorded or exported (trace ids are still made, logged and passed on).
     */
    Optional<String> endpoint();

    /** The share of traces started here that are recorded (those continued from a caller follow its decision). */
    @WithDefault("1.0")
    double sampleRatio();
}
