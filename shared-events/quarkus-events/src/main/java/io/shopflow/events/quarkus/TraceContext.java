package io.shopflow.events.quarkus;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.List;

/**
 * W3C {@code traceparent} strings to and from OpenTelemetry contexts: what an event stores so that whoever
 * consumes it, however much later, continues the trace of the transaction that wrote it.
 */
final class TraceContext {

    private static final String TRACEPARENT = "traceparent";
    private static final W3CTraceContextPropagator PROPAGATOR = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<String> SINGLE_VALUE = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(TRACEPARENT);
        }

        @Override
        public String get(String carrier, String key) {
            return TRACEPARENT.equals(key) ? carrier : null;
        }
    };

    private TraceContext() {
    }

    /** The traceparent of {@code span}, or null when it is not a real, recorded span (tracing off). */
    static String traceparentOf(Span span) {
        var carrier = new HashMap<String, String>();
        PROPAGATOR.inject(Context.root().with(span), carrier, HashMap::put);
        return carrier.get(TRACEPARENT);
    }

    /** The context a span started under {@code traceparent} continues; the root context when there is none. */
    static Context parentFrom(String traceparent) {
        return traceparent == null ? Context.root() : PROPAGATOR.extract(Context.root(), traceparent, SINGLE_VALUE);
    }
}
