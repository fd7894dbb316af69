package io.shopflow.observability;

import io.opentelemetry.sdk.trace.samplers.Sampler;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Which spans are recorded, in place of Quarkus' default (record everything): nothing when there is no endpoint to
 * send spans to, so a service without one neither pays for spans nor tries every few seconds to reach a collector
 * that is not there; otherwise the configured share of new traces, and every trace a caller already records.
 */
@Singleton
class TraceSampling {

    @Produces
    @Singleton
    Sampler sampler(TracingConfig config) {
        return of(config);
    }

    static Sampler of(TracingConfig config) {
        if (config.endpoint().filter(endpoint -> !endpoint.isBlank()).isEmpty()) {
            return Sampler.alwaysOff();
        }
        return Sampler.parentBased(Sampler.traceIdRatioBased(config.sampleRatio()));
    }
}
