package io.shopflow.eventstore;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.List;

/**
 * How an event carries its trace: as the W3C {@code traceparent} of the span that last handled it, so that whoever
 * handles it next, however much later and in whichever service, continues the same trace. Each step (the outbox
 * write, the relay's publish, a consumer) starts its span under the event's traceparent and passes its own on.
 */
public final class EventTracing {

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

    private EventTracing() {
    }

    /** The traceparent of {@code span}, or null when it is no span at all (no tracer). */
    public static String traceparentOf(Span span) {
        var carrier = new HashMap<String, String>();
        PROPAGATOR.inject(Context.root().with(span), carrier, HashMap::put);
        return carrier.get(TRACEPARENT);
    }

    /** The traceparent an event goes on with after {@code span}: the span's, or the one it had without a span. */
    public static String passedOn(Span span, String traceparent) {
        return span.getSpanContext().isValid() ? traceparentOf(span) : traceparent;
    }

    /** The context a span started under {@code traceparent} continues; the root context when there is none. */
    public static Context parentFrom(String traceparent) {
        return traceparent == null ? Context.root() : PROPAGATOR.extract(Context.root(), traceparent, SINGLE_VALUE);
    }

    /** Ends {@code span}, marked as failed with {@code failure} when there is one. */
    public static void end(Span span, Throwable failure) {
        if (failure != null) {
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
        }
        span.end();
    }
}
