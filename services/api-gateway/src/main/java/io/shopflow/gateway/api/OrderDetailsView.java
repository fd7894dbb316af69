package io.shopflow.gateway.api;

import io.shopflow.gateway.client.GatewayLookups;
import io.shopflow.gateway.client.ServiceInstances;
import io.shopflow.gateway.config.GatewayConfig;
import io.shopflow.gateway.security.CallerHeaders;
import io.shopflow.grpc.user.v1.User;
import io.shopflow.problems.Problem;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * {@code GET /api/v1/orders/{id}/details}: the order (order-service, gRPC), its user (user-service, gRPC) and its
 * shipment (shipping-service, REST: it has no gRPC API) in one answer. The order is the answer's core: without it
 * there is nothing to say (404, or 503 when order-service cannot be asked). The other two are asked at once, and
 * one that cannot be had in time is {@code null} and named in {@code unavailable}, with {@code "partial": true};
 * a shipment not scheduled yet is {@code null} too, but not missing. A user user-service no longer knows was erased
 * (docs/personal-data.md): order-service takes orders only for users it knows, and a user leaves user-service only
 * by erasure, so the order keeps its user as {@code {"id": ..., "erased": true}} and nothing else of them.
 */
@ApplicationScoped
public class OrderDetailsView {

    private static final Logger LOG = Logger.getLogger(OrderDetailsView.class);

    private final GatewayLookups lookups;
    private final ServiceInstances instances;
    private final Problems problems;
    private final String shippingService;
    private final long deadlineMillis;

    OrderDetailsView(GatewayLookups lookups, ServiceInstances instances, Problems problems, GatewayConfig config) {
        this.lookups = lookups;
        this.instances = instances;
        this.problems = problems;
        this.shippingService = config.lookups().shippingService();
        this.deadlineMillis = config.lookups().deadline().toMillis();
    }

    /** @param caller who asks ({@link CallerHeaders}): shipping-service checks the shipment against them too */
    public void answer(RoutingContext request, String orderId, MultiMap caller) {
        lookups.order(orderId).onFailure(unavailable -> problems.unavailable(request,
                "The order cannot be read right now; try again later")).onSuccess(found -> {
            if (found.isEmpty()) {
                problems.answer(request, Problem.of(Problem.NOT_FOUND, "No such order", 404,
                        "No order " + orderId, request.normalizedPath()));
                return;
            }
            var order = found.get();
            Future<Optional<JsonObject>> user = lookups.user(order.getUserId())
                    .map(known -> Optional.of(known.map(OrderDetailsView::user)
                            .orElseGet(() -> erasedUser(order.getUserId()))));
            Future<Optional<JsonObject>> shipment = shipment(order.getId(), caller);
            Future.join(user, shipment).onComplete(ignored -> {
                var unavailable = new ArrayList<String>();
                var details = new JsonObject()
                        .put("order", OrderJson.of(order))
                        .put("user", part("user", user, unavailable))
                        .put("shipment", part("shipment", shipment, unavailable))
                        .put("partial", !unavailable.isEmpty())
                        .put("unavailable", new JsonArray(unavailable));
                request.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(details.toBuffer());
            });
        });
    }

    private static JsonObject part(String name, Future<Optional<JsonObject>> answer, ArrayList<String> unavailable) {
        if (answer.failed()) {
            LOG.warnf("Order details answered without the %s: %s", name, answer.cause().toString());
            unavailable.add(name);
            return null;
        }
        return answer.result().orElse(null);
    }

    /** The order's shipment, if one is scheduled: shipping-service lists it as a list of zero or one. */
    private Future<Optional<JsonObject>> shipment(String orderId, MultiMap caller) {
        return instances.request(shippingService, new RequestOptions().setMethod(HttpMethod.GET)
                        .setHeaders(MultiMap.caseInsensitiveMultiMap().addAll(caller))
                        .putHeader(HttpHeaders.ACCEPT, "application/json")
                        .setURI("/api/v1/shipments?orderId=" + URLEncoder.encode(orderId, StandardCharsets.UTF_8))
                        .setTimeout(deadlineMillis))
                .compose(ask -> ask.send())
                .compose(answer -> answer.statusCode() == 200 ? answer.body()
                        : Future.failedFuture("shipping-service answered " + answer.statusCode()))
                .map(body -> {
                    var shipments = body.toJsonArray();
                    return shipments.isEmpty() ? Optional.empty() : Optional.of(shipments.getJsonObject(0));
                });
    }

    /** The user as its owner may see it: no credit, which is the payment side's business. */
    private static JsonObject user(User user) {
        return new JsonObject().put("id", user.getId()).put("erased", false).put("name", user.getName())
                .put("email", user.getEmail()).put("address", user.getAddress());
    }

    private static JsonObject erasedUser(String id) {
        return new JsonObject().put("id", id).put("erased", true);
    }
}
