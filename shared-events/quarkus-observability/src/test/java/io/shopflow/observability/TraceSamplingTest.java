package io.shopflow.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TraceSamplingTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    private static TracingConfig config(String endpoint, double ratio) {
        return new TracingConfig() {
            @Override
            public Optional<String> endpoint() {
                return Optional.ofNullable(endpoint);
            }

            @Override
            public double sampleRatio() {
                return ratio;
            }
        };
    }

    private static SamplingDecision decide(Sampler sampler, Context parent) {
        return sampler.shouldSample(parent, TRACE_ID, "GET /api/v1/orders", SpanKind.SERVER, Attributes.empty(),
                List.of()).getDecision();
    }

    private static Context calledBy(boolean callerRecords) {
        var caller = SpanContext.createFromRemoteParent(TRACE_ID, "00f067aa0ba902b7",
                callerRecords ? TraceFlags.getSampled() : TraceFlags.getDefault(), TraceState.getDefault());
        return Context.root().with(Span.wrap(caller));
    }

    @Test
    void recordsNothingWithoutAnEndpoint() {
        for (String none : new String[] {null, " "}) {
            var sampler = TraceSampling.of(config(none, 1.0));
            assertThat(decide(sampler, Context.root())).isEqualTo(SamplingDecision.DROP);
            assertThat(decide(sampler, calledBy(true))).isEqualTo(SamplingDecision.DROP);
        }
    }

    @Test
    void recordsNewTracesByTheRatioWithAnEndpoint() {
        assertThat(decide(TraceSampling.of(config("http://localhost:4317", 1.0)), Context.root()))
                .isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
        assertThat(decide(TraceSampling.of(config("http://localhost:4317", 0.0)), Context.root()))
                .isEqualTo(SamplingDecision.DROP);
    }

    @Test
    void followsTheCallersDecisionWithAnEndpoint() {
        var sampler = TraceSampling.of(config("http://localhost:4317", 0.0));
        assertThat(decide(sampler, calledBy(true))).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
        assertThat(decide(TraceSampling.of(config("http://localhost:4317", 1.0)), calledBy(false)))
                .isEqualTo(SamplingDecision.DROP);
    }
}
