package io.shopflow.gateway;

import io.grpc.BindableService;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServiceBridge;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real HTTP servers standing in for the services behind the gateway, each on a port of its own: two order-service
 * instances (weighted 30:70), a user-service (which is the inventory-service too), a shipping-service, and an
 * address where nothing listens. Each answers with what it received (method, URI, headers, the body's size and
 * SHA-256) as JSON; {@code .../slow} never answers and {@code .../big?bytes=n} streams n bytes back. On the same
 * port they answer the gRPC contracts the gateway asks, from {@link StandInData}, and shipping-service lists its
 * shipments; health, metrics and their OpenAPI document on a management port of their own.
 */
public class Backends implements QuarkusTestResourceLifecycleManager {

    static final Backend ORDERS_A = new Backend("orders-a", new StandInData.Orders());
    static final Backend ORDERS_B = new Backend("orders-b", new StandInData.Orders());
    static final Backend USERS = new Backend("users", new StandInData.Users(), new StandInData.Inventory());
    static final Backend SHIPPING = new Backend("shipping");
    static final int NOBODY = freePort();
    /** The API key of the test's machine client "batch". */
    public static final String BATCH_KEY = "sk_test_batch_3c9d0e1f";

    private static final List<Backend> ALL = List.of(ORDERS_A, ORDERS_B, USERS, SHIPPING);
    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        ALL.forEach(backend -> backend.start(vertx));
        return Map.ofEntries(
                Map.entry("quarkus.stork.order-service.service-discovery.address-list",
                        ORDERS_A.address() + "," + ORDERS_B.address()),
                Map.entry("quarkus.stork.order-service.load-balancer.weights",
                        ORDERS_A.address() + "=30," + ORDERS_B.address() + "=70"),
                Map.entry("quarkus.stork.user-service.service-discovery.address-list", USERS.address()),
                Map.entry("quarkus.stork.inventory-service.service-discovery.address-list", USERS.address()),
                // The stand-ins answer gRPC on their one port; the gateway asks through Stork services of its own.
                Map.entry("quarkus.stork.order-service-grpc.service-discovery.address-list",
                        ORDERS_A.address() + "," + ORDERS_B.address()),
                Map.entry("quarkus.stork.user-service-grpc.service-discovery.address-list", USERS.address()),
                Map.entry("quarkus.stork.inventory-service-grpc.service-discovery.address-list", USERS.address()),
                Map.entry("quarkus.stork.shipping-service.service-discovery.address-list", SHIPPING.address()),
                Map.entry("quarkus.stork.payment-service.service-discovery.address-list", USERS.address()),
                Map.entry("quarkus.stork.payment-provider.service-discovery.address-list", USERS.address()),
                // No notification-service here, whatever else runs on this machine.
                Map.entry("quarkus.stork.notification-service.service-discovery.address-list", "localhost:" + NOBODY),
                Map.entry("shopflow.gateway.routes.slow.path-prefix", "/api/v1/slow"),
                Map.entry("shopflow.gateway.routes.slow.access", "public"),
                Map.entry("shopflow.gateway.routes.slow.service", "user-service"),
                Map.entry("shopflow.gateway.routes.slow.timeout", "500ms"),
                Map.entry("shopflow.gateway.routes.gone.path-prefix", "/api/v1/gone"),
                Map.entry("shopflow.gateway.routes.gone.access", "public"),
                Map.entry("shopflow.gateway.routes.gone.service", "gone-service"),
                Map.entry("quarkus.stork.gone-service.service-discovery.type", "static"),
                Map.entry("quarkus.stork.gone-service.service-discovery.address-list", "localhost:" + NOBODY),
                Map.entry("quarkus.stork.gone-service.load-balancer.type", "weighted-round-robin"),
                // A machine client with a rate limit of its own (three per minute), for GatewayRateLimitTest.
                Map.entry("shopflow.gateway.api-keys.batch.sha256", sha256(BATCH_KEY.getBytes())),
                Map.entry("shopflow.gateway.api-keys.batch.permissions", "orders:read"),
                Map.entry("shopflow.gateway.api-keys.batch.rate-limit", "three-per-user"),
                // Routes with tiny rate limits, one per kind of key, for GatewayRateLimitTest.
                Map.entry("shopflow.gateway.rate-limits.three-per-user.per", "user"),
                Map.entry("shopflow.gateway.rate-limits.three-per-user.limit", "3"),
                Map.entry("shopflow.gateway.rate-limits.three-per-user.period", "1m"),
                Map.entry("shopflow.gateway.rate-limits.three-per-address.per", "ip"),
                Map.entry("shopflow.gateway.rate-limits.three-per-address.limit", "3"),
                Map.entry("shopflow.gateway.rate-limits.three-per-address.period", "1m"),
                Map.entry("shopflow.gateway.rate-limits.three-per-route.per", "route"),
                Map.entry("shopflow.gateway.rate-limits.three-per-route.limit", "3"),
                Map.entry("shopflow.gateway.rate-limits.three-per-route.period", "1h"),
                Map.entry("shopflow.gateway.routes.by-user.path-prefix", "/api/v1/limited/by-user"),
                Map.entry("shopflow.gateway.routes.by-user.access", "public"),
                Map.entry("shopflow.gateway.routes.by-user.service", "user-service"),
                Map.entry("shopflow.gateway.routes.by-user.rate-limits", "three-per-user"),
                Map.entry("shopflow.gateway.routes.by-address.path-prefix", "/api/v1/limited/by-address"),
                Map.entry("shopflow.gateway.routes.by-address.access", "public"),
                Map.entry("shopflow.gateway.routes.by-address.service", "user-service"),
                Map.entry("shopflow.gateway.routes.by-address.rate-limits", "three-per-address"),
                Map.entry("shopflow.gateway.routes.by-route.path-prefix", "/api/v1/limited/by-route"),
                Map.entry("shopflow.gateway.routes.by-route.service", "user-service"),
                Map.entry("shopflow.gateway.routes.by-route.access", "public"),
                Map.entry("shopflow.gateway.routes.by-route.rate-limits", "three-per-route"));
    }

    @Override
    public void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    /** Where a stand-in's management interface listens: as every service's, its HTTP port plus the gateway's
     * shopflow.gateway.management-port-offset. */
    private static final int MANAGEMENT_PORT_OFFSET = 1100;

    static final class Backend {

        final String name;
        final int port = freePortBelowItsManagementPort();
        /** HTTP requests (not gRPC calls) that reached this backend, counted as they arrive. */
        final AtomicInteger requests = new AtomicInteger();
        /** How often the backend's /q/metrics was read: its counters grow with each read. */
        private final AtomicInteger metricsScrapes = new AtomicInteger();
        private final List<BindableService> grpcServices;
        private Vertx vertx;
        private HttpServer server;
        private HttpServer management;

        Backend(String name, BindableService... grpcServices) {
            this.name = name;
            this.grpcServices = List.of(grpcServices);
        }

        String address() {
            return "localhost:" + port;
        }

        void start(Vertx vertx) {
            this.vertx = vertx;
            var grpc = GrpcServer.server(vertx);
            grpcServices.forEach(service -> GrpcServiceBridge.bridge(service).bind(grpc));
            server = vertx.createHttpServer().requestHandler(request -> {
                if (request.getHeader("Content-Type") != null && request.getHeader("Content-Type").startsWith("application/grpc")) {
                    grpc.handle(request);
                } else {
                    answer(request);
                }
            });
            management = vertx.createHttpServer().requestHandler(this::answerManagement);
            try {
                server.listen(port).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                management.listen(port + MANAGEMENT_PORT_OFFSET).toCompletionStage().toCompletableFuture()
                        .get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("Backend " + name + " did not start", e);
            }
        }

        /** Takes the backend down, as a crashed service: its port refuses connections until {@link #restart}. */
        void stop() {
            server.close().toCompletionStage().toCompletableFuture().join();
            management.close().toCompletionStage().toCompletableFuture().join();
        }

        void restart() {
            start(vertx);
        }

        /** Operations endpoints, which the gateway's platform status and public API document read. */
        private void answerManagement(HttpServerRequest request) {
            switch (request.path()) {
                case "/q/health" -> request.response().putHeader("Content-Type", "application/json")
                        .end(StandInData.HEALTH.encode());
                case "/q/metrics" -> request.response().putHeader("Content-Type", "text/plain")
                        .end(StandInData.metrics(metricsScrapes.incrementAndGet()));
                case "/q/openapi" -> request.response().putHeader("Content-Type", "application/json")
                        .end(StandInData.openApiOf(name).encode());
                default -> request.response().setStatusCode(404).end();
            }
        }

        private void answer(HttpServerRequest request) {
            requests.incrementAndGet();
            if (request.path().equals("/api/v1/shipments")) {
                request.response().putHeader("Content-Type", "application/json")
                        .end(StandInData.shipmentsOf(request.getParam("orderId")).encode());
                return;
            }
            if (request.path().endsWith("/big")) {
                int bytes = Integer.parseInt(request.getParam("bytes"));
                var response = request.response().setChunked(true);
                for (int sent = 0; sent < bytes; sent += 8192) {
                    response.write(Buffer.buffer(new byte[Math.min(8192, bytes - sent)]));
                }
                response.end();
                return;
            }
            request.body().onSuccess(body -> {
                var headers = new JsonObject();
                request.headers().forEach(header -> headers.put(header.getKey().toLowerCase(), header.getValue()));
                String json = new JsonObject()
                        .put("backend", name)
                        .put("method", request.method().name())
                        .put("uri", request.uri())
                        .put("headers", headers)
                        .put("bodyBytes", body.length())
                        .put("bodySha256", sha256(body.getBytes()))
                        .encode();
                if (!request.path().endsWith("/slow")) {
                    request.response().putHeader("Content-Type", "application/json")
                            .putHeader("X-Backend", name).end(json);
                }
            });
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A free port whose management port is free too. */
    private static int freePortBelowItsManagementPort() {
        while (true) {
            int port = freePort();
            if (port + MANAGEMENT_PORT_OFFSET <= 65535 && isFree(port + MANAGEMENT_PORT_OFFSET)) {
                return port;
            }
        }
    }

    private static boolean isFree(int port) {
        try (var socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
