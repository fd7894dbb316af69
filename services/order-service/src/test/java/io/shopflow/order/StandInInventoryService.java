package io.shopflow.order;

import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.shopflow.grpc.inventory.v1.CheckStockRequest;
import io.shopflow.grpc.inventory.v1.CheckStockResponse;
import io.shopflow.grpc.inventory.v1.GetProductsRequest;
import io.shopflow.grpc.inventory.v1.GetProductsResponse;
import io.shopflow.grpc.inventory.v1.GetStockRequest;
import io.shopflow.grpc.inventory.v1.InventoryService;
import io.shopflow.grpc.inventory.v1.Product;
import io.smallrye.mutiny.Uni;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * inventory-service's catalogue as order-service sees it over gRPC, served by the test application itself: two
 * products, and a switch that makes it UNAVAILABLE, as a stopped service would be.
 */
@GrpcService
public class StandInInventoryService implements InventoryService {

    static final Map<String, Product> CATALOGUE = Map.of(
            "BOOK-1", product("BOOK-1", "Domain-Driven Design", "12.50"),
            "PEN-3", product("PEN-3", "Fountain pen", "3.20"));
    static final AtomicBoolean DOWN = new AtomicBoolean();
    static final AtomicInteger CALLS = new AtomicInteger();

    private static Product product(String sku, String name, String price) {
        return Product.newBuilder().setSku(sku).setName(name).setUnitPrice(price).setCurrency("EUR").setAvailable(100).build();
    }

    @Override
    public Uni<GetProductsResponse> getProducts(GetProductsRequest request) {
        CALLS.incrementAndGet();
        if (DOWN.get()) {
            return Uni.createFrom().failure(Status.UNAVAILABLE.withDescription("stopped").asRuntimeException());
        }
        var response = GetProductsResponse.newBuilder();
        request.getSkusList().forEach(sku -> {
            if (CATALOGUE.containsKey(sku)) {
                response.addProducts(CATALOGUE.get(sku));
            } else {
                response.addMissingSkus(sku);
            }
        });
        return Uni.createFrom().item(response.build());
    }

    @Override
    public Uni<Product> getStock(GetStockRequest request) {
        return Uni.createFrom().failure(Status.UNIMPLEMENTED.asRuntimeException());
    }

    @Override
    public Uni<CheckStockResponse> checkStock(CheckStockRequest request) {
        return Uni.createFrom().failure(Status.UNIMPLEMENTED.asRuntimeException());
    }
}
