package io.shopflow.order.api;

import io.shopflow.events.order.Money;
import io.shopflow.order.domain.OrderStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Version 2 of one order ({@code GET /api/v2/orders/{id}}, or v1's path with
 * {@code Accept: application/vnd.platform.v2+json} through the gateway). What changed from {@link OrderDetails}:
 * amounts are exact decimal strings with two places ({@code "28.20"}), where v1's JSON numbers lose the trailing
 * zero and become binary floats in many clients; each line says its own total.
 */
public record OrderDetailsV2(UUID id, String userId, OrderStatus status, List<Line> lines, Amount total,
                             @Schema(nullable = true, description = "Why it was cancelled; null unless CANCELLED")
                             String cancelReason, long version, OffsetDateTime createdAt, OffsetDateTime updatedAt,
                             List<OrderDetails.HistoryEntry> history) {

    public static final String MEDIA_TYPE = "application/vnd.platform.v2+json";

    public record Amount(String amount, String currency) {
        static Amount of(BigDecimal amount, String currency) {
            return new Amount(amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString(), currency);
        }
    }

    @Schema(name = "OrderLineV2")
    public record Line(String sku, int quantity, Amount unitPrice, Amount lineTotal) {
    }

    static OrderDetailsV2 of(OrderDetails v1) {
        var order = v1.order();
        String currency = order.total().currency();
        return new OrderDetailsV2(order.id(), order.userId(), order.status(),
                order.lines().stream().map(line -> new Line(line.sku(), line.quantity(),
                        Amount.of(line.unitPrice(), currency),
                        Amount.of(line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())), currency))).toList(),
                amount(order.total()), order.cancelReason(), order.version(), order.createdAt(), order.updatedAt(),
                v1.history());
    }

    private static Amount amount(Money money) {
        return Amount.of(money.amount(), money.currency());
    }
}
