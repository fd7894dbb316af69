package io.shopflow.order.grpc;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.grpc.GrpcService;
import io.shopflow.events.CanonicalUuid;
import io.shopflow.grpc.order.v1.GetOrderRequest;
import io.shopflow.grpc.order.v1.Order;
import io.shopflow.grpc.order.v1.OrderLine;
import io.shopflow.grpc.order.v1.OrderQueryService;
import io.shopflow.grpc.order.v1.OrderStatus;
import io.shopflow.grpc.order.v1.WatchOrderRequest;
import io.shopflow.grpc.order.v1.WatchOrdersRequest;
import io.shopflow.order.config.OrderServiceConfig;
import io.shopflow.order.persistence.OrderStatusChanges;
import io.shopflow.order.persistence.OrderStatusChanges.Changed;
import io.shopflow.order.persistence.OrderViews;
import io.shopflow.order.persistence.OrderViews.OrderView;
import io.shopflow.problems.InvalidFieldException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Orders over gRPC, from the read model: one order, a stream of its status changes that ends with the saga, or a
 * stream of every order's changes. A watch re-reads the orders PostgreSQL announces as changed
 * ({@link OrderStatusChanges}) and sends each when it is newer than the last one sent, so nothing is sent twice or
 * out of order.
 */
@GrpcService
public class OrderQueryGrpcService implements OrderQueryService {

    /**
     * Most changed orders one WatchOrders stream holds while it reads the previous batch; more are dropped and
     * looked for again through its recent orders. A batch is read in one query, so this many fit one read. (What
     * has been read goes to the client at once: Quarkus' server stubs ask for every item, and what the client has
     * not taken yet waits in its HTTP/2 stream's buffer.)
     */
    private static final int MAX_PENDING_CHANGES = 1000;
    /** Orders whose last sent version one WatchOrders stream remembers: more than the recent ones it may ask for. */
    private static final int SENT_VERSIONS_KEPT = 1024;

    private final OrderViews views;
    private final OrderStatusChanges changes;
    private final int maxRecent;
    private final AtomicInteger openWatches = new AtomicInteger();

    public OrderQueryGrpcService(OrderViews views, OrderStatusChanges changes, OrderServiceConfig config,
                                 MeterRegistry registry) {
        this.views = views;
        this.changes = changes;
        this.maxRecent = config.maxPageSize();
        Gauge.builder("shopflow.orders.watches", openWatches, AtomicInteger::get)
                .description("Open WatchOrders streams (every order's changes)").register(registry);
    }

    @Override
    public Uni<Order> getOrder(GetOrderRequest request) {
        return Uni.createFrom().item(() -> orderId(request.getId()))
                .onItem().transformToUni(id -> views.find(id))
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

    @Override
    public Multi<Order> watchOrders(WatchOrdersRequest request) {
        return Multi.createFrom().deferred(() -> {
            int recent = recent(request.getRecent());
            Optional<String> userId = Optional.of(request.getUserId()).filter(id -> !id.isEmpty())
                    .map(id -> uuid("user_id", id).toString());
            var sent = new SentVersions();
            return changes.ofEveryOrder(MAX_PENDING_CHANGES)
                    .onItem().transformToMultiAndConcatenate(changed -> read(changed, userId, recent))
                    .select().where(sent::isNew)
                    .map(OrderQueryGrpcService::toOrder)
                    .onSubscription().invoke(openWatches::incrementAndGet)
                    .onTermination().invoke(openWatches::decrementAndGet);
        });
    }

    /**
     * The orders a watch of every order sends for {@code changed}: after a possible gap (and at the start) the
     * {@code recent} most recent ones, oldest first, then the changed ones, least recently updated first.
     */
    private Multi<OrderView> read(Changed changed, Optional<String> userId, int recent) {
        Uni<List<OrderView>> window = changed.possiblyMissed() && recent > 0
                ? views.list(userId, recent).map(OrderQueryGrpcService::oldestFirst)
                : Uni.createFrom().item(List.of());
        return window.flatMap(recentOnes -> changed.orders().isEmpty() ? Uni.createFrom().item(recentOnes)
                        : views.findAll(changed.orders(), userId).map(changedOnes -> concat(recentOnes, changedOnes)))
                .onItem().transformToMulti(found -> Multi.createFrom().iterable(found));
    }

    private int recent(int recent) {
        if (recent < 0 || recent > maxRecent) {
            throw new InvalidFieldException("recent", "must be between 0 and " + maxRecent + ", got " + recent);
        }
        return recent;
    }

    private static List<OrderView> oldestFirst(List<OrderView> newestFirst) {
        var reversed = new ArrayList<>(newestFirst);
        Collections.reverse(reversed);
        return reversed;
    }

    private static List<OrderView> concat(List<OrderView> first, List<OrderView> then) {
        var all = new ArrayList<OrderView>(first.size() + then.size());
        all.addAll(first);
        all.addAll(then);
        return all;
    }

    /**
     * The version of each order one stream last sent, so that an order read again unchanged (announced twice, or
     * among the recent ones re-read after a gap) is not sent again. Only the latest orders are kept; one forgotten
     * is at worst sent again unchanged. Used by one stream's items, which come one at a time.
     */
    private static final class SentVersions {
        private final Map<UUID, Long> versions = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, Long> eldest) {
                return size() > SENT_VERSIONS_KEPT;
            }
        };

        boolean isNew(OrderView view) {
            Long last = versions.get(view.id());
            if (last != null && last >= view.version()) {
                return false;
            }
            versions.put(view.id(), view.version());
            return true;
        }
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
        return uuid("id", id);
    }

    /** {@code value} of the request's {@code field} as a UUID ({@link CanonicalUuid}: written in full). */
    private static UUID uuid(String field, String value) {
        return CanonicalUuid.parse(value)
                .orElseThrow(() -> new InvalidFieldException(field, "must be a UUID, got '" + value + "'"));
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
