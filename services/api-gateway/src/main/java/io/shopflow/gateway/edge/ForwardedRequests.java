package io.shopflow.gateway.edge;

import io.vertx.core.MultiMap;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * What the gateway changes on a request before forwarding it (the correlation id is set on every request by the
 * shared CorrelationFilter, before this): the headers the client's {@code Connection} header names (hop-by-hop by declaration; the
 * standard hop-by-hop headers the proxy library drops itself), the client's trace context, and
 * {@code X-Forwarded-For}.
 */
final class ForwardedRequests {

    private static final Set<String> CONNECTION_OPTIONS = Set.of("close", "keep-alive", "upgrade");
    private static final Set<String> TRACE_CONTEXT = Set.of("traceparent", "tracestate");

    private ForwardedRequests() {
    }

    /** Drops the headers that the {@code Connection} header declares to be for this hop only. */
    static void dropConnectionScoped(MultiMap headers) {
        headers.getAll("Connection").stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(name -> name.trim().toLowerCase(Locale.ROOT))
                .filter(name -> !name.isEmpty() && !CONNECTION_OPTIONS.contains(name))
                .forEach(headers::remove);
    }

    /**
     * Drops the trace context the client sent: the gateway's own spans continue it, and the service must get the
     * gateway's forwarding span as its parent, which OpenTelemetry's HTTP client instrumentation sets. Left in, the
     * client's header could reach the service in its place, making the service's span a sibling of the gateway's.
     */
    static void dropTraceContext(MultiMap headers) {
        TRACE_CONTEXT.forEach(headers::remove);
    }

    /** Appends the client's address to {@code X-Forwarded-For}. */
    static void forwardedFor(MultiMap headers, String clientAddress) {
        String earlier = headers.get("X-Forwarded-For");
        headers.set("X-Forwarded-For", earlier == null ? clientAddress : earlier + ", " + clientAddress);
    }
}
