package io.shopflow.gateway.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * A response of server-sent events (text/event-stream), written on the request's own context: named events with
 * a JSON line each, a comment now and then so that proxies keep an idle stream open, and one place that learns the
 * client went away. A client that cannot keep up is not buffered for: its stream ends, and it reconnects and reads
 * afresh, as every SSE client does after a dropped stream.
 */
public final class EventStream {

    private final RoutingContext request;
    private final HttpServerResponse response;
    private final long keepaliveTimer;
    private boolean ended;

    private EventStream(RoutingContext request, Duration keepaliveEvery) {
        this.request = request;
        this.response = request.response();
        response.setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                // nginx (and Ingress controllers built on it) would otherwise hold events back in its buffer.
                .putHeader("X-Accel-Buffering", "no");
        response.write(": stream open\n\n");
        keepaliveTimer = request.vertx().setPeriodic(keepaliveEvery.toMillis(), id -> write(": keepalive\n\n"));
    }

    public static EventStream open(RoutingContext request, Duration keepaliveEvery) {
        return new EventStream(request, keepaliveEvery);
    }

    /** What to stop when the client has gone (closed the connection or reset the stream), or the stream ended. */
    public EventStream onClose(Runnable stop) {
        response.closeHandler(closed -> {
            end();
            stop.run();
        });
        response.endHandler(finished -> stop.run());
        return this;
    }

    public void send(String event, JsonObject data) {
        write("event: " + event + "\ndata: " + data.encode() + "\n\n");
    }

    public void end() {
        if (!ended) {
            ended = true;
            request.vertx().cancelTimer(keepaliveTimer);
            if (!response.closed() && !response.ended()) {
                response.end();
            }
        }
    }

    private void write(String text) {
        if (ended) {
            return;
        }
        if (response.closed() || response.writeQueueFull()) {
            end();
        } else {
            response.write(text);
        }
    }
}
