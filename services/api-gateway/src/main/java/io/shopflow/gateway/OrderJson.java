package io.shopflow.gateway;

import com.google.protobuf.Timestamp;
import io.shopflow.grpc.order.v1.Order;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.function.Function;

/** order-service's gRPC {@link Order} as the JSON the gateway answers with. */
final class OrderJson {

    private OrderJson() {
    }

    /** As the order details view has always written it: total and currency side by side, the total a decimal string. */
    static JsonObject of(Order order) {
        return shape(order, unitPrice -> unitPrice, order.getTotal()).put("currency", order.getCurrency());
    }

    /**
     * In order-service's own REST shape ({@code "total": {"amount": 78.90, "currency": "EUR"}}, numbers for money),
     * so that a client reading orders from both the REST API and the live stream reads one shape.
     */
    static JsonObject restShape(Order order) {
        return shape(order, BigDecimal::new, new JsonObject().put("amount", new BigDecimal(order.getTotal()))
                .put("currency", order.getCurrency()));
    }

    /** What both shapes write alike; {@code money} writes a price (a decimal string in the gRPC message). */
    private static JsonObject shape(Order order, Function<String, Object> money, Object total) {
        var lines = new JsonArray();
        order.getLinesList().forEach(line -> lines.add(new JsonObject().put("sku", line.getSku())
                .put("quantity", line.getQuantity()).put("unitPrice", money.apply(line.getUnitPrice()))));
        return new JsonObject()
                .put("id", order.getId())
                .put("userId", order.getUserId())
                .put("status", order.getStatus().name())
                .put("lines", lines)
                .put("total", total)
                .put("cancelReason", order.getCancelReason().isEmpty() ? null : order.getCancelReason())
                .put("version", order.getVersion())
                .put("createdAt", instant(order.getCreatedAt()))
                .put("updatedAt", instant(order.getUpdatedAt()));
    }

    private static String instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos()).toString();
    }
}
