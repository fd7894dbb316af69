package io.shopflow.gateway.operations;

import io.shopflow.gateway.api.EventStream;
import io.shopflow.gateway.config.GatewayConfig;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * {@code GET /api/v1/platform/status}: server-sent events, a {@code status} event every few seconds with every
 * watched service's health, requests per second, error rate, circuit breakers and outbox backlog
 * ({@link PlatformSampler}). One sampling serves every open stream, and it runs only while one is open.
 */
@ApplicationScoped
public class PlatformStatusView {

    private static final Logger LOG = Logger.getLogger(PlatformStatusView.class);

    private final Vertx vertx;
    private final PlatformSampler sampler;
    private final Duration every;
    private final Duration keepaliveEvery;
    /** The open streams, each with the context its response must be written on. */
    private final Map<EventStream, Context> watchers = new ConcurrentHashMap<>();
    private Long timer;
    /** The last sample, sent at once to a stream that opens between two, so that it does not start empty. */
    private volatile JsonObject latest;

    PlatformStatusView(Vertx vertx, PlatformSampler sampler, GatewayConfig config) {
        this.vertx = vertx;
        this.sampler = sampler;
        this.every = config.console().statusEvery();
        this.keepaliveEvery = config.console().keepaliveEvery();
    }

    public void answer(RoutingContext request) {
        var stream = EventStream.open(request, keepaliveEvery);
        var sampled = latest;
        if (sampled != null) {
            stream.send("status", sampled);
        }
        watchers.put(stream, Vertx.currentContext());
        stream.onClose(() -> {
            watchers.remove(stream);
            stopWhenUnwatched();
        });
        startSampling();
    }

    private synchronized void startSampling() {
        if (timer == null) {
            sample();
            timer = vertx.setPeriodic(every.toMillis(), id -> sample());
        }
    }

    private synchronized void stopWhenUnwatched() {
        if (watchers.isEmpty() && timer != null) {
            vertx.cancelTimer(timer);
            timer = null;
            latest = null; // stale by the time anyone watches again
        }
    }

    private void sample() {
        sampler.sample().onSuccess(this::broadcast)
                .onFailure(failure -> LOG.warnf("Platform status not sampled: %s", failure.toString()));
    }

    private void broadcast(JsonObject status) {
        latest = status;
        watchers.forEach((stream, context) -> context.runOnContext(ignored -> stream.send("status", status)));
    }
}
