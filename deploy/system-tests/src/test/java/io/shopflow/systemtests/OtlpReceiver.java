package io.shopflow.systemtests;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * An OpenTelemetry collector's front door, for tests: an OTLP/HTTP receiver on loopback that takes the services'
 * span exports ({@code POST /v1/traces}, protobuf, gzip or not) as a collector or Jaeger would, answers as they do,
 * and keeps every span, so a test checks what the services really send over the wire.
 */
final class OtlpReceiver implements AutoCloseable {

    /** One span as received, its ids in hex as W3C {@code traceparent} writes them. */
    record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name,
                        Span.SpanKind kind, Map<String, String> attributes) {
    }

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] ACCEPTED = ExportTraceServiceResponse.getDefaultInstance().toByteArray();

    private final HttpServer server;
    private final ExecutorService worker = Executors.newSingleThreadExecutor();
    private final ConcurrentLinkedQueue<ReceivedSpan> spans = new ConcurrentLinkedQueue<>();

    private OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/traces", this::receive);
        server.setExecutor(worker);
        server.start();
    }

    static OtlpReceiver start() throws IOException {
        return new OtlpReceiver();
    }

    /** The base URL exporters are given; they post to {@code /v1/traces} under it. */
    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every span received so far of the trace with this id. */
    List<ReceivedSpan> trace(String traceId) {
        return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            ExportTraceServiceRequest request;
            try (InputStream body = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                    ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
                request = ExportTraceServiceRequest.parseFrom(body);
            }
            keep(request);
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, ACCEPTED.length);
            exchange.getResponseBody().write(ACCEPTED);
        }
    }

    private void keep(ExportTraceServiceRequest request) {
        for (var resourceSpans : request.getResourceSpansList()) {
            String service = attributes(resourceSpans.getResource().getAttributesList()).get("service.name");
            for (var scopeSpans : resourceSpans.getScopeSpansList()) {
                for (var span : scopeSpans.getSpansList()) {
                    spans.add(new ReceivedSpan(service, HEX.formatHex(span.getTraceId().toByteArray()),
                            HEX.formatHex(span.getSpanId().toByteArray()),
                            HEX.formatHex(span.getParentSpanId().toByteArray()), span.getName(), span.getKind(),
                            attributes(span.getAttributesList())));
                }
            }
        }
    }

    private static Map<String, String> attributes(List<KeyValue> attributes) {
        return attributes.stream().collect(Collectors.toMap(KeyValue::getKey,
                attribute -> text(attribute.getValue()), (first, second) -> first));
    }

    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case INT_VALUE -> Long.toString(value.getIntValue());
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            default -> value.toString();
        };
    }

    @Override
    public void close() {
        server.stop(0);
        worker.shutdownNow();
    }
}
