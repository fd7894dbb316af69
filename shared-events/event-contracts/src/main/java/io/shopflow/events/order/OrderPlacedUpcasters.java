package io.shopflow.events.order;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The history of OrderPlaced, one step per version, showing the three kinds of change an event goes through.
 *
 * <pre>
 * v1 {orderId, customerId, items: [{sku, qty, price}], total}
 * v2 {orderId, userId, items: [{sku, qty, price}], total, currency}          rename + add with default
 * v3 {orderId, userId, lines: [{sku, quantity, unitPrice}], total: {amount, currency}}   restructure
 * </pre>
 */
public final class OrderPlacedUpcasters {

    /** What every v1 order was priced in: the platform sold in one currency before v2 added the field. */
    static final String V1_CURRENCY = "EUR";

    private OrderPlacedUpcasters() {
    }

    /** Rename {@code customerId} to {@code userId}; add {@code currency} with the one v1 always meant. */
    public static ObjectNode v1ToV2(ObjectNode v1) {
        v1.set("userId", v1.remove("customerId"));
        v1.put("currency", V1_CURRENCY);
        return v1;
    }

    /** Items become lines with spelled-out names; total and currency become one Money object. */
    public static ObjectNode v2ToV3(ObjectNode v2) {
        var lines = v2.arrayNode();
        for (var item : (ArrayNode) v2.remove("items")) {
            lines.addObject()
                    .put("sku", item.path("sku").asText())
                    .put("quantity", item.path("qty").asInt())
                    .set("unitPrice", item.path("price"));
        }
        v2.set("lines", lines);
        var total = v2.objectNode();
        total.set("amount", v2.remove("total"));
        total.set("currency", v2.remove("currency"));
        v2.set("total", total);
        return v2;
    }
}
