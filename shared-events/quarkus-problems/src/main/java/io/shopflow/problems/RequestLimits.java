package io.shopflow.problems;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers a request over the size limits with a problem, like every other refusal: 413 for a body that announces
 * more than {@code quarkus.http.limits.max-body-size}, 414 for a URI longer than
 * {@code shopflow.http.limits.max-uri-length}, 431 for headers larger than {@code shopflow.http.limits.max-header-size}.
 * Quarkus and Vert.x refuse the same requests with empty bodies: the 413 in a handler this one runs before, the 414
 * and 431 in the HTTP codec, which no application code can reach (quarkus#55082). So the codec's own limits are set
 * above these (META-INF/microprofile-config.properties) and the limits clients meet are checked here; only a request
 * line or headers beyond the codec's limits still get its empty answer. Written by hand for want of a Vert.x or
 * Quarkus hook.
 */
@Singleton
public class RequestLimits {

    /** Per header, the bytes Netty's decoder counts besides the name and value: ": " and the line's end. */
    private static final int HEADER_OVERHEAD = 4;

    private final long maxBodySize;
    private final int maxUriLength;
    private final long maxHeaderSize;
    private final ObjectMapper json;

    RequestLimits(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize,
                  @ConfigProperty(name = "shopflow.http.limits.max-uri-length") int maxUriLength,
                  @ConfigProperty(name = "shopflow.http.limits.max-header-size") MemorySize maxHeaderSize,
                  ObjectMapper json) {
        this.maxBodySize = maxBodySize.asLongValue();
        this.maxUriLength = maxUriLength;
        this.maxHeaderSize = maxHeaderSize.asLongValue();
        this.json = json;
    }

    /** Before Quarkus' own body size check, which would answer the same 413 with no body. */
    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::check);
    }

    private void check(RoutingContext context) {
        var request = context.request();
        if (request.uri().length() > maxUriLength) {
            refuse(context, Problem.of("uri-too-long", "URI too long", 414,
                    "The URI is longer than " + maxUriLength + " characters", null));
        } else if (headerSize(request.headers()) > maxHeaderSize) {
            refuse(context, Problem.of("headers-too-large", "Request headers too large", 431,
                    "The request's headers are larger than " + maxHeaderSize + " bytes", request.path()));
        } else if (declaredLength(request.headers()) > maxBodySize) {
            refuse(context, Problem.of(Problem.PAYLOAD_TOO_LARGE, "Request body too large", 413,
                    "The request body is larger than " + maxBodySize + " bytes", request.path()));
        } else {
            context.next();
        }
    }

    private static long headerSize(MultiMap headers) {
        long size = 0;
        for (Map.Entry<String, String> header : headers) {
            size += header.getKey().length() + header.getValue().length() + HEADER_OVERHEAD;
        }
        return size;
    }

    private static long declaredLength(MultiMap headers) {
        try {
            return Long.parseLong(headers.get(HttpHeaders.CONTENT_LENGTH));
        } catch (NumberFormatException noneOrUnreadable) {
            return -1; // no length announced (or none Vert.x would have let through): nothing to refuse up front
        }
    }

    /**
     * The client may still be sending what will not be read: an HTTP/1 connection closes once the answer is out (an
     * HTTP/2 stream ends alone, its connection carries others).
     */
    private void refuse(RoutingContext context, Problem problem) {
        var request = context.request();
        var response = context.response();
        boolean closing = request.version() != HttpVersion.HTTP_2;
        if (closing) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        Buffer body;
        try {
            body = Buffer.buffer(json.writeValueAsBytes(problem));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem that cannot be written as JSON: " + problem, e);
        }
        response.setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(body)
                .onComplete(written -> {
                    if (closing) {
                        request.connection().close(); // once the answer is on the wire, not before
                    }
                });
    }
}
