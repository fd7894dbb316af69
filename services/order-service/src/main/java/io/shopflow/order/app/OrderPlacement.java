package io.shopflow.order.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopflow.events.EventCause;
import io.shopflow.events.order.OrderLine;
import io.shopflow.events.quarkus.DomainEvents;
import io.shopflow.grpc.inventory.v1.GetProductsResponse;
import io.shopflow.grpc.inventory.v1.Product;
import io.shopflow.order.client.ProductCatalogueClient;
import io.shopflow.order.client.UserLookup;
import io.shopflow.order.client.UserLookups;
import io.shopflow.order.config.OrderServiceConfig;
import io.shopflow.order.domain.Order;
import io.shopflow.order.domain.OrderProblems.IdempotencyKeyReused;
import io.shopflow.order.domain.OrderProblems.OrderNotFound;
import io.shopflow.order.persistence.IdempotencyKeys;
import io.shopflow.order.persistence.OrderStore;
import io.shopflow.order.persistence.OrderViews;
import io.shopflow.order.persistence.OrderViews.OrderView;
import io.shopflow.order.persistence.SagaDeadlines;
import io.shopflow.problems.InvalidFieldException;
import io.shopflow.problems.OrderPlacementProblems.UnknownProducts;
import io.shopflow.problems.OrderPlacementProblems.UnknownUser;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Places orders: checks the request, the user and the products before anything is written, then saves the
 * order's first event, its read model row, its saga deadline and its idempotency key in one transaction.
 */
@ApplicationScoped
public class OrderPlacement {

    private final OrderStore store;
    private final OrderViews views;
    private final SagaDeadlines deadlines;
    private final IdempotencyKeys keys;
    private final UserLookups users;
    private final ProductCatalogueClient catalogue;
    private final DependencyFailures dependencies;
    private final DomainEvents domainEvents;
    private final Pool pool;
    private final ObjectMapper json;
    private final OrderServiceConfig config;

    public OrderPlacement(OrderStore store, OrderViews views, SagaDeadlines deadlines, IdempotencyKeys keys,
                          UserLookups users, ProductCatalogueClient catalogue,
                          DependencyFailures dependencies, DomainEvents domainEvents, Pool pool, ObjectMapper json,
                          OrderServiceConfig config) {
        this.store = store;
        this.views = views;
        this.deadlines = deadlines;
        this.keys = keys;
        this.users = users;
        this.catalogue = catalogue;
        this.dependencies = dependencies;
        this.domainEvents = domainEvents;
        this.pool = pool;
        this.json = json;
        this.config = config;
    }

    /**
     * The placed order; with an idempotency key seen before, the order that key placed, never a second one.
     * <p>
     * A keyed order is placed first and its key looked up only when placing fails: a key seen before fails the
     * insert of it (a unique violation, and nothing is written), and a retry that could no longer be placed (a
     * product gone, a dependency down) still gets its order. Looking the key up first would cost every order a
     * transaction of its own for the rare retry.
     */
    public Uni<OrderView> place(PlaceOrder request, Optional<String> idempotencyKey) {
        checkLimits(request);
        if (idempotencyKey.isEmpty()) {
            return placeNew(request, Optional.empty());
        }
        var use = new KeyUse(idempotencyKey.get(), hash(request));
        return placeNew(request, Optional.of(use)).onFailure().recoverWithUni(failure -> keys.find(use.key())
                .onFailure().recoverWithUni(lookupFailed -> Uni.createFrom().failure(failure))
                .flatMap(remembered -> remembered.isPresent()
                        ? replay(remembered.get(), use.requestHash())
                        : Uni.createFrom().failure(failure)));
    }

    private record KeyUse(String key, String requestHash) {
    }

    private Uni<OrderView> replay(IdempotencyKeys.Remembered remembered, String requestHash) {
        if (!remembered.requestHash().equals(requestHash)) {
            throw new IdempotencyKeyReused(remembered.orderId());
        }
        return views.find(remembered.orderId()).map(view -> view.orElseThrow(
                () -> new OrderNotFound(remembered.orderId().toString())));
    }

    private Uni<OrderView> placeNew(PlaceOrder request, Optional<KeyUse> keyUse) {
        var skus = request.lines().stream().map(PlaceOrder.Line::sku).toList();
        return users.find(request.userId())
                .invoke(user -> {
                    if (user instanceof UserLookup.Missing) {
                        throw new UnknownUser(request.userId());
                    }
                    if (user instanceof UserLookup.Unknown) {
                        throw dependencies.unavailable("user-service");
                    }
                })
                .flatMap(user -> catalogue.products(skus)
                        .onFailure().transform(failure -> dependencies.translate("inventory-service", failure)))
                .flatMap(products -> save(request, priced(request, products), keyUse));
    }

    private Uni<OrderView> save(PlaceOrder request, PricedLines priced, Optional<KeyUse> keyUse) {
        var id = UUID.randomUUID();
        var order = new Order(id.toString());
        order.place(request.userId(), priced.lines(), priced.currency());
        var placedMetadata = domainEvents.newFlow().get();
        var cause = new EventCause(placedMetadata.eventId().toString(), placedMetadata.correlationId(),
                placedMetadata.traceparent());
        // The answer is read on the same transaction: a read after the commit would be a transaction of its own.
        // The key first: a retry fails on it before anything else is written.
        return pool.withTransaction(tx -> keyUse.map(use -> keys.remember(tx, use.key(), use.requestHash(), id))
                        .orElse(Uni.createFrom().voidItem())
                        .flatMap(remembered -> store.save(tx, order, () -> placedMetadata))
                        .call(() -> deadlines.schedule(tx, id, config.deadline().after(), cause))
                        .flatMap(saved -> views.find(tx, id)))
                .map(Optional::orElseThrow);
    }

    private void checkLimits(PlaceOrder request) {
        var lines = request.lines();
        if (lines.size() > config.maxLines()) {
            throw new InvalidFieldException("lines", "at most " + config.maxLines() + " lines per order");
        }
        var seen = new HashSet<String>();
        for (int n = 0; n < lines.size(); n++) {
            if (lines.get(n).quantity() > config.maxQuantity()) {
                throw new InvalidFieldException("lines[" + n + "].quantity", "at most " + config.maxQuantity());
            }
            if (!seen.add(lines.get(n).sku())) {
                throw new InvalidFieldException("lines[" + n + "].sku", "appears on more than one line");
            }
        }
    }

    /** The request's lines at the catalogue's prices, all in one currency. */
    private record PricedLines(List<OrderLine> lines, String currency) {
    }

    private static PricedLines priced(PlaceOrder request, GetProductsResponse catalogue) {
        if (catalogue.getMissingSkusCount() > 0) {
            throw new UnknownProducts(catalogue.getMissingSkusList());
        }
        Map<String, Product> products = catalogue.getProductsList().stream()
                .collect(Collectors.toMap(Product::getSku, Function.identity()));
        var currencies = products.values().stream().map(Product::getCurrency).distinct().toList();
        if (currencies.size() > 1) {
            // An order has one total; adding up currencies would need exchange rates the platform does not have.
            throw new InvalidFieldException("lines", "products priced in different currencies " + currencies
                    + " cannot be ordered together");
        }
        var lines = request.lines().stream()
                .map(line -> new OrderLine(line.sku(), line.quantity(),
                        new BigDecimal(products.get(line.sku()).getUnitPrice())))
                .toList();
        return new PricedLines(lines, currencies.get(0));
    }

    private String hash(PlaceOrder request) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(request));
            return HexFormat.of().formatHex(digest);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot hash an order request", e);
        }
    }
}
