package io.shopflow.order.grpc;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.shopflow.grpc.order.v1.GetOrderRequest;
import io.shopflow.grpc.order.v1.Order;
import io.shopflow.grpc.order.v1.OrderLine;
import io.shopflow.grpc.order.v1.OrderQueryService;
import io.shopflow.grpc.order.v1.OrderStatus;
import io.shopflow.grpc.order.v1.WatchOrderRequest;
import io.shopflow.order.persistence.OrderStatusChanges;
import io.shopflow.order.persistence.OrderViews;
import io.shopflow.order.persistence.OrderViews.OrderView;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Orders over gRPC, from the read model: one order, or a stream of its status changes that ends with the saga.
 * A watch re-reads the order each time PostgreSQL announces a change ({@link OrderStatusChanges}) and sends it
 * when it is newer than the last one sent, so nothing is sent twice or out of order.
 */
@GrpcService
public class OrderQueryGrpcService implements OrderQueryService {

    private final OrderViews views;
    private final OrderStatusChanges changes;

    public OrderQueryGrpcService(OrderViews views, OrderStatusChanges changes) {
        this.views = views;
        this.changes = changes;
    }

    @Override
    public Uni<Order> getOrder(GetOrderRequest request) {
        return Uni.createFrom().item(() -> orderId(request.getId()))
                .onItem().transformToUni(views::find)
                .map(view -> toOrder(view.orElseThrow(() -> notFound(request.getId()))));
    }

    @Override
    public Multi<Order> watchOrder(WatchOrderRequest request) {
        return Multi.createFrom().deferred(() -> {
            UUID id = orderId(request.getId());
            var lastSent = new AtomicLong(-1);
            return changes.of(id)
                    .onItem().transformToUniAndConcatenate(change -> views.find(id))
                    .map(view -> view.orElseThrow(() -> notFound(request.getId())))
                    .select().where(view -> lastSent.getAndAccumulate(view.version(), Math::max) < view.version())
                    .plug(OrderQueryGrpcService::untilTheSagaEnds)
                    .map(OrderQueryGrpcService::toOrder);
        });
    }

    /**
     * The views up to and including the first whose status ends the saga; then completion. (Mutiny's
     * {@code select().first(predicate)} stops before the item that fails it, so an empty marker follows that view.)
     */
    private static Multi<OrderView> untilTheSagaEnds(Multi<OrderView> views) {
        return views.onItem().transformToMultiAndConcatenate(view -> view.status().sagaEnded()
                        ? Multi.createFrom().items(Optional.of(view), Optional.<OrderView>empty())
                        : Multi.createFrom().item(Optional.of(view)))
                .select().first(Optional::isPresent)
                .map(Optional::get);
    }

    private static UUID orderId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw Status.INVALID_ARGUMENT.withDescription("id must be a UUID, got '" + id + "'").asRuntimeException();
        }
    }

    private static RuntimeException notFound(String id) {
        return Status.NOT_FOUND.withDescription("No order " + id).asRuntimeException();
    }

    private static Order toOrder(OrderView view) {
        var order = Order.newBuilder().setId(view.id().toString()).setUserId(view.userId())
                .setStatus(OrderStatus.valueOf(view.status().name()))
                .setTotal(decimal(view.total().amount())).setCurrency(view.total().currency())
                .setCancelReason(Optional.ofNullable(view.cancelReason()).orElse("")).setVersion(view.version())
                .setCreatedAt(timestamp(view.createdAt())).setUpdatedAt(timestamp(view.updatedAt()));
        view.lines().forEach(line -> order.addLines(OrderLine.newBuilder().setSku(line.sku())
                .setQuantity(line.quantity()).setUnitPrice(decimal(line.unitPrice()))));
        return order.build();
    }

    /** An amount as the contract writes it: two decimal places ("54.90"; the stored lines may say 54.9). */
    private static String decimal(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    private static Timestamp timestamp(OffsetDateTime time) {
        var instant = time.toInstant();
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
