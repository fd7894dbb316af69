package io.shopflow.gateway.api;

import com.google.protobuf.Timestamp;
import io.shopflow.grpc.order.v1.Order;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;

/** order-service's gRPC {@link Order} as the JSON the gateway answers with. */
final class OrderJson {

    private OrderJson() {
    }

    /**
     * In order-service's own v1 REST shape ({@code "total": {"amount": 78.90, "currency": "EUR"}}, numbers for money),
     * so that a client reads one shape of a v1 order wherever it comes from: the REST API, the details, the live stream.
     */
    static JsonObject of(Order order) {
        var lines = new JsonArray();
        order.getLinesList().forEach(line -> lines.add(new JsonObject().put("sku", line.getSku())
                .put("quantity", line.getQuantity()).put("unitPrice", new BigDecimal(line.getUnitPrice()))));
        return new JsonObject()
                .put("id", order.getId())
                .put("userId", order.getUserId())
                .put("status", order.getStatus().name())
                .put("lines", lines)
                .put("total", new JsonObject().put("amount", new BigDecimal(order.getTotal()))
                        .put("currency", order.getCurrency()))
                .put("cancelReason", order.getCancelReason().isEmpty() ? null : order.getCancelReason())
                .put("version", order.getVersion())
                .put("createdAt", instant(order.getCreatedAt()))
                .put("updatedAt", instant(order.getUpdatedAt()));
    }

    private static String instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos()).toString();
    }
}
