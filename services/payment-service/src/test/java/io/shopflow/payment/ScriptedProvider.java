package io.shopflow.payment;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The external payment provider, played by an HTTP server on loopback whose answers a test scripts per
 * reference (503 twice, then succeed; decline; hang...). Like the real provider it charges a reference once at
 * most, which is what the tests count: payment-service's client, retries, breaker and worker are the real ones.
 */
public class ScriptedProvider implements QuarkusTestResourceLifecycleManager {

    /** What the provider does with one call. */
    enum Answer {
        CHARGE, FAIL_503, DECLINE_402,
        /** Charges, then never answers: the client times out not knowing the money was taken. */
        CHARGE_SILENTLY,
        /** Holds the call unanswered until the test {@link #release releases} it, then charges. */
        HOLD
    }

    private static final Map<String, Queue<Answer>> SCRIPTS = new ConcurrentHashMap<>();
    private static final Map<String, JsonObject> CHARGES = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    private static final Map<String, Boolean> REFUNDED = new ConcurrentHashMap<>();
    private static final Map<String, Runnable> HELD = new ConcurrentHashMap<>();

    private Vertx vertx;

    /** The next answers for {@code reference}, in order; once used up, calls are charged. */
    static void script(String reference, Answer... answers) {
        SCRIPTS.put(reference, new ArrayDeque<>(List.of(answers)));
    }

    static int calls(String reference) {
        return CALLS.getOrDefault(reference, new AtomicInteger()).get();
    }

    static boolean charged(String reference) {
        return CHARGES.containsKey(reference);
    }

    /** Whether a call for {@code reference} is being held: the payment's attempt is in flight, not finished. */
    static boolean holding(String reference) {
        return HELD.containsKey(reference);
    }

    /** Answers the held call for {@code reference}: it is charged. */
    static void release(String reference) {
        HELD.remove(reference).run();
    }

    static boolean refunded(String reference) {
        var charge = CHARGES.get(reference);
        return charge != null && REFUNDED.getOrDefault(charge.getString("id"), false);
    }

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        var router = Router.router(vertx);
        router.post("/v1/charges").handler(context -> context.request().body().onSuccess(body ->
                charge(context.request(), body.toJsonObject())));
        router.get("/v1/charges").handler(context -> {
            var charge = CHARGES.get(context.queryParams().get("reference"));
            var found = new JsonArray();
            if (charge != null) {
                found.add(charge);
            }
            context.response().putHeader("Content-Type", "application/json").end(found.encode());
        });
        router.post("/v1/charges/:id/refund").handler(context -> {
            String id = context.pathParam("id");
            REFUNDED.put(id, true);
            context.response().putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("id", id).put("refunded", true).encode());
        });
        HttpServer server = vertx.createHttpServer().requestHandler(router);
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("The scripted provider did not start", e);
        }
        return Map.of("quarkus.rest-client.payment-provider.url", "http://127.0.0.1:" + server.actualPort());
    }

    private static void charge(HttpServerRequest request, JsonObject body) {
        String reference = body.getString("reference");
        CALLS.computeIfAbsent(reference, r -> new AtomicInteger()).incrementAndGet();
        var script = SCRIPTS.get(reference);
        var answer = script == null || script.isEmpty() ? Answer.CHARGE : script.poll();
        var response = request.response().putHeader("Content-Type", "application/json");
        switch (answer) {
            case FAIL_503 -> response.setStatusCode(503).end("{\"title\":\"unavailable\"}");
            case DECLINE_402 -> response.setStatusCode(402).end("{\"title\":\"card declined\"}");
            case CHARGE_SILENTLY -> chargeOnce(reference, body);
            case CHARGE -> response.setStatusCode(201).end(chargeOnce(reference, body).encode());
            case HOLD -> HELD.put(reference, () -> {
                if (!response.closed()) {
                    response.setStatusCode(201).end(chargeOnce(reference, body).encode());
                }
            });
        }
    }

    private static JsonObject chargeOnce(String reference, JsonObject body) {
        // Shaped like the real provider's charge, including fields payment-service does not read.
        return CHARGES.computeIfAbsent(reference, r -> body.copy().put("id", "ch_" + UUID.randomUUID())
                .put("refunded", false).put("createdAt", Instant.now().toString()));
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
