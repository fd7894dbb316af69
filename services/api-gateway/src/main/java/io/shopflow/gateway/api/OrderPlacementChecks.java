package io.shopflow.gateway.api;

import io.shopflow.callers.Caller;
import io.shopflow.gateway.client.GatewayLookups;
import io.shopflow.gateway.config.GatewayConfig.WhenUnavailable;
import io.shopflow.gateway.config.GatewayConfig;
import io.shopflow.grpc.inventory.v1.CheckStockResponse;
import io.shopflow.grpc.inventory.v1.StockLine;
import io.shopflow.grpc.inventory.v1.StockShortage;
import io.shopflow.grpc.user.v1.User;
import io.shopflow.problems.OrderPlacementProblems.UnknownProducts;
import io.shopflow.problems.OrderPlacementProblems.UnknownUser;
import io.shopflow.problems.Problem;
import io.shopflow.problems.StrictJson;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collector;
import java.util.stream.Collectors;

/**
 * {@code checks=order-placement}: before an order is forwarded, the gateway reads its body (it is small, and
 * limited like any) and asks, at once, user-service whether the user exists and inventory-service whether the
 * stock is there. An order placed for someone else (unless by an admin) is 403, for an unknown user or sku 404
 * (the {@link io.shopflow.problems.OrderPlacementProblems} order-service answers too), for stock that is not there
 * 409: none of them reaches order-service, so nothing is created. When the checks cannot
 * be made in time the gateway forwards the order unchecked ({@code when-unavailable=accept}: order-service and the
 * saga check again) or answers 503 ({@code reject}). A body that is not a well-formed order (a quantity that is no
 * JSON integer, text that is no valid Unicode) is forwarded as it is: saying exactly what is wrong with it is
 * order-service's job.
 */
@ApplicationScoped
public class OrderPlacementChecks implements ProxyInterceptor {

    private static final Collector<Buffer, Buffer, Buffer> WHOLE_BODY =
            Collector.of(Buffer::buffer, Buffer::appendBuffer, Buffer::appendBuffer);

    /** The part of {@code POST /api/v1/orders}'s body the checks read. */
    record Placement(String userId, List<StockLine> lines) {

        /** The placement, if {@code body} is one in its outline; whatever else is left to order-service. */
        static Optional<Placement> of(Buffer body) {
            try {
                var json = body.toJsonObject();
                if (!(json.getValue("userId") instanceof String userId) || userId.isBlank()
                        || !StrictJson.acceptable(userId)
                        || !(json.getValue("lines") instanceof JsonArray given) || given.isEmpty()) {
                    return Optional.empty();
                }
                var lines = new ArrayList<StockLine>();
                for (Object entry : given) {
                    if (!(entry instanceof JsonObject line) || !(line.getValue("sku") instanceof String sku)
                            || sku.isBlank() || !StrictJson.acceptable(sku)
                            || !(line.getValue("quantity") instanceof Integer quantity)
                            || quantity < 1) {
                        return Optional.empty();
                    }
                    lines.add(StockLine.newBuilder().setSku(sku).setQuantity(quantity).build());
                }
                return Optional.of(new Placement(userId, lines));
            } catch (DecodeException | ClassCastException notJsonObject) {
                return Optional.empty();
            }
        }
    }

    private final GatewayLookups lookups;
    private final Problems problems;
    private final WhenUnavailable whenUnavailable;

    OrderPlacementChecks(GatewayLookups lookups, Problems problems, GatewayConfig config) {
        this.lookups = lookups;
        this.problems = problems;
        this.whenUnavailable = config.orderChecks().whenUnavailable();
    }

    /** An order for someone else only from a caller with the route's admin permission ({@code X-Caller-Admin}). */
    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        var request = context.request();
        if (request.getBody() == null) {
            return context.sendRequest();
        }
        var stream = request.getBody().stream();
        var whole = stream.collect(WHOLE_BODY);
        stream.resume(); // paused while the caller was authenticated
        return whole.compose(body -> {
            request.setBody(Body.body(body));
            var placement = Placement.of(body);
            if (placement.isEmpty()) {
                return context.sendRequest();
            }
            var caller = request.headers().get(Caller.ID_HEADER);
            boolean admin = Boolean.parseBoolean(request.headers().get(Caller.ADMIN_HEADER));
            if (!admin && !placement.get().userId().equals(caller)) {
                return refuse(context, Problems.forbidden(
                        "Orders are placed for oneself; for someone else only by an admin", path(context)));
            }
            Future<Optional<User>> user = lookups.user(placement.get().userId());
            Future<Optional<CheckStockResponse>> stock = lookups.stock(placement.get().lines());
            return Future.join(user, stock).transform(ignored -> decide(context, placement.get(), user, stock));
        });
    }

    private Future<ProxyResponse> decide(ProxyContext context, Placement placement, Future<Optional<User>> user,
                                         Future<Optional<CheckStockResponse>> stock) {
        if (user.succeeded() && user.result().isEmpty()) {
            return refuse(context, new UnknownUser(placement.userId()).toProblem(path(context)));
        }
        var unknownSkus = stock.succeeded() ? stock.result().stream().flatMap(answer -> answer.getShortList().stream())
                .filter(StockShortage::getUnknown).map(StockShortage::getSku).toList() : List.<String>of();
        if (!unknownSkus.isEmpty()) {
            return refuse(context, new UnknownProducts(unknownSkus).toProblem(path(context)));
        }
        if (stock.succeeded() && stock.result().filter(answer -> !answer.getAvailable()).isPresent()) {
            return refuse(context, Problem.of("insufficient-stock", "Not enough stock", 409,
                    "Not enough stock: " + shortages(stock.result().get()), path(context)));
        }
        if ((user.failed() || stock.failed()) && whenUnavailable == WhenUnavailable.REJECT) {
            return refuse(context, Problems.unavailable(
                    "The order cannot be checked right now; try again later", path(context)));
        }
        return context.sendRequest();
    }

    private static String shortages(CheckStockResponse stock) {
        return stock.getShortList().stream().map(shortage -> shortage.getSku() + " (" + shortage.getRequested()
                + " requested, " + shortage.getAvailable() + " available)").collect(Collectors.joining(", "));
    }

    private Future<ProxyResponse> refuse(ProxyContext context, Problem problem) {
        return Future.succeededFuture(problems.answer(context, problem));
    }

    private static String path(ProxyContext context) {
        return context.request().proxiedRequest().path();
    }
}
