package io.shopflow.gateway;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.shopflow.grpc.inventory.v1.CheckStockRequest;
import io.shopflow.grpc.inventory.v1.CheckStockResponse;
import io.shopflow.grpc.inventory.v1.InventoryServiceGrpc;
import io.shopflow.grpc.inventory.v1.StockShortage;
import io.shopflow.grpc.order.v1.GetOrderRequest;
import io.shopflow.grpc.order.v1.Order;
import io.shopflow.grpc.order.v1.OrderLine;
import io.shopflow.grpc.order.v1.OrderQueryServiceGrpc;
import io.shopflow.grpc.order.v1.OrderStatus;
import io.shopflow.grpc.order.v1.WatchOrdersRequest;
import io.shopflow.grpc.user.v1.GetUserRequest;
import io.shopflow.grpc.user.v1.User;
import io.shopflow.grpc.user.v1.UserServiceGrpc;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the stand-in services of {@link Backends} know, and their gRPC APIs (the real contracts, answered from these
 * few records): two users, one order each, one order of a third user who was erased (user-service no longer knows
 * them), one shipment, and two skus, one plentiful and one scarce.
 */
public final class StandInData {

    public static final String ADA_ORDER = "6f1c2e9a-0000-4000-8000-00000000000a";
    static final String GRACE_ORDER = "6f1c2e9a-0000-4000-8000-00000000000b";
    static final String ERASED_USERS_ORDER = "6f1c2e9a-0000-4000-8000-00000000000c";
    static final String NO_ORDER = "6f1c2e9a-0000-4000-8000-0000000000ff";
    static final String PLENTIFUL = "sku-plentiful";
    static final String SCARCE = "sku-scarce";

    private static final Timestamp PLACED = Timestamp.newBuilder().setSeconds(1_795_000_000L).build();
    private static final Map<String, Order> ORDERS = Map.of(ADA_ORDER, order(ADA_ORDER, "ada"),
            GRACE_ORDER, order(GRACE_ORDER, "grace"), ERASED_USERS_ORDER, order(ERASED_USERS_ORDER, "alan"));
    private static final Map<String, User> USERS = Map.of("ada", user("ada", "Ada Lovelace"),
            "grace", user("grace", "Grace Hopper"));
    private static final Map<String, Integer> STOCK = Map.of(PLENTIFUL, 1000, SCARCE, 1);

    private StandInData() {
    }

    /** shipping-service's answer to {@code GET /api/v1/shipments?orderId=}: a list of zero or one. */
    static JsonArray shipmentsOf(String orderId) {
        return ADA_ORDER.equals(orderId)
                ? new JsonArray().add(new JsonObject().put("orderId", orderId).put("status", "SCHEDULED")
                        .put("carrier", "Stand-in Express"))
                : new JsonArray();
    }

    /**
     * The stand-ins' own OpenAPI documents ({@code /q/openapi}): order-service's, and one document the users
     * backend serves for every service it stands in for. Each has a path no route makes public (order-service's with a
     * schema only it uses), and both name a schema {@code Line} but define it differently.
     */
    static JsonObject openApiOf(String backend) {
        var problem = new JsonObject().put("type", "object").put("properties", new JsonObject()
                .put("type", new JsonObject().put("type", "string")));
        var paths = new JsonObject();
        var lines = new JsonObject();
        var schemas = new JsonObject().put("Problem", problem).put("Line", lines);
        if (backend.startsWith("orders")) {
            lines.put("type", "object").put("properties", new JsonObject().put("sku", new JsonObject().put("type", "string")));
            paths.put("/api/v1/orders", new JsonObject().put("get", operation("Lists orders"))
                            .put("post", operation("Places an order").put("requestBody", new JsonObject()
                                    .put("content", new JsonObject().put("application/json", new JsonObject()
                                            .put("schema", new JsonObject().put("$ref", "#/components/schemas/Line")))))))
                    .put("/api/v1/orders/{id}", new JsonObject().put("get", operation("One order")))
                    .put("/api/v2/orders/{id}", new JsonObject().put("get", operation("One order, version 2")))
                    .put("/internal/replay", new JsonObject().put("post", operation("Not public")
                            .put("requestBody", new JsonObject().put("content", new JsonObject().put("application/json",
                                    new JsonObject().put("schema", new JsonObject()
                                            .put("$ref", "#/components/schemas/Replay")))))));
            schemas.put("Replay", new JsonObject().put("type", "object"));
        } else {
            lines.put("type", "object").put("properties", new JsonObject().put("name", new JsonObject().put("type", "string")));
            paths.put("/api/v1/users", new JsonObject().put("post", operation("Registers a user").put("requestBody",
                            new JsonObject().put("content", new JsonObject().put("application/json", new JsonObject()
                                    .put("schema", new JsonObject().put("$ref", "#/components/schemas/Line")))))))
                    .put("/api/v1/users/{id}", new JsonObject().put("get", operation("One user")))
                    .put("/api/v1/products", new JsonObject().put("get", operation("The catalogue")))
                    .put("/admin/behaviour", new JsonObject().put("put", operation("Not public")));
        }
        return new JsonObject().put("openapi", "3.1.0").put("info", new JsonObject().put("title", backend))
                .put("paths", paths)
                .put("components", new JsonObject().put("schemas", schemas));
    }

    private static JsonObject operation(String summary) {
        return new JsonObject().put("summary", summary).put("responses", new JsonObject()
                .put("200", new JsonObject().put("description", "OK")));
    }

    static final class Orders extends OrderQueryServiceGrpc.OrderQueryServiceImplBase {

        /** The WatchOrders streams of both order-service stand-ins, with what each asked for. */
        private static final Map<StreamObserver<Order>, WatchOrdersRequest> WATCHERS = new ConcurrentHashMap<>();

        @Override
        public void getOrder(GetOrderRequest request, StreamObserver<Order> answer) {
            reply(ORDERS.get(request.getId()), answer);
        }

        /** The recent orders (by id, at most {@code recent}), then whatever {@link #announce} says, until cancelled. */
        @Override
        public void watchOrders(WatchOrdersRequest request, StreamObserver<Order> answer) {
            ORDERS.values().stream().filter(order -> wants(request, order))
                    .sorted(Comparator.comparing(Order::getId)).limit(request.getRecent())
                    .forEach(answer::onNext);
            WATCHERS.put(answer, request);
        }

        /** An order's status changed: every watcher that wants it hears of it. */
        static void announce(Order order) {
            WATCHERS.forEach((watcher, request) -> {
                if (wants(request, order)) {
                    try {
                        watcher.onNext(order);
                    } catch (RuntimeException gone) {
                        WATCHERS.remove(watcher); // a stream an earlier test closed
                    }
                }
            });
        }

        private static boolean wants(WatchOrdersRequest request, Order order) {
            return request.getUserId().isEmpty() || request.getUserId().equals(order.getUserId());
        }
    }

    /** A stand-in's /q/health: up, with an outbox of three events, the oldest two seconds old. */
    static final JsonObject HEALTH = new JsonObject().put("status", "UP").put("checks", new JsonArray()
            .add(new JsonObject().put("name", "Outbox backlog").put("status", "UP")
                    .put("data", new JsonObject().put("events", 3).put("oldestAgeSeconds", 2))));

    /**
     * A stand-in's /q/metrics on its {@code scrape}th read: 10 more HTTP requests (1 of them a 503) and 10 more
     * gRPC calls each time, requests to /q/* that do not count, and a circuit breaker that is open.
     */
    static String metrics(int scrape) {
        return String.join("\n",
                "# TYPE http_server_requests_seconds_count counter",
                "http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/api/v1/things\"} " + 9 * scrape,
                "http_server_requests_seconds_count{method=\"GET\",outcome=\"SERVER_ERROR\",status=\"503\",uri=\"/api/v1/things\"} " + scrape,
                "http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/q/health\"} " + 1000 * scrape,
                "grpc_server_processing_duration_seconds_count{method=\"GetUser\",methodType=\"UNARY\",service=\"shopflow.user.v1.UserService\",statusCode=\"OK\"} " + 10 * scrape,
                "ft_circuitbreaker_state_current{method=\"io.shopflow.standin.client.ThingClient.call\",state=\"closed\"} 0.0",
                "ft_circuitbreaker_state_current{method=\"io.shopflow.standin.client.ThingClient.call\",state=\"open\"} 1.0",
                "ft_circuitbreaker_state_current{method=\"io.shopflow.standin.client.ThingClient.call\",state=\"halfOpen\"} 0.0",
                "");
    }

    static final class Users extends UserServiceGrpc.UserServiceImplBase {
        @Override
        public void getUser(GetUserRequest request, StreamObserver<User> answer) {
            reply(USERS.get(request.getId()), answer);
        }
    }

    static final class Inventory extends InventoryServiceGrpc.InventoryServiceImplBase {
        @Override
        public void checkStock(CheckStockRequest request, StreamObserver<CheckStockResponse> answer) {
            var response = CheckStockResponse.newBuilder();
            request.getLinesList().forEach(line -> {
                int available = STOCK.getOrDefault(line.getSku(), 0);
                if (line.getQuantity() > available) {
                    response.addShort(StockShortage.newBuilder().setSku(line.getSku())
                            .setRequested(line.getQuantity()).setAvailable(available)
                            .setUnknown(!STOCK.containsKey(line.getSku())));
                }
            });
            reply(response.setAvailable(response.getShortCount() == 0).build(), answer);
        }
    }

    private static <T> void reply(T found, StreamObserver<T> answer) {
        if (found == null) {
            answer.onError(Status.NOT_FOUND.withDescription("no such thing").asRuntimeException());
        } else {
            answer.onNext(found);
            answer.onCompleted();
        }
    }

    public static Order order(String id, String userId) {
        return Order.newBuilder().setId(id).setUserId(userId).setStatus(OrderStatus.CONFIRMED)
                .addLines(OrderLine.newBuilder().setSku(PLENTIFUL).setQuantity(2).setUnitPrice("12.50"))
                .setTotal("25.00").setCurrency("EUR").setVersion(4).setCreatedAt(PLACED).setUpdatedAt(PLACED)
                .build();
    }

    private static User user(String id, String name) {
        return User.newBuilder().setId(id).setName(name).setEmail(id + "@example.com").setAddress("1 Analytical Way")
                .setCredit("100.00").setVersion(1).build();
    }
}
