package io.shopflow.inventory.grpc;

import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.shopflow.events.inventory.StockLine;
import io.shopflow.grpc.inventory.v1.CheckStockRequest;
import io.shopflow.grpc.inventory.v1.CheckStockResponse;
import io.shopflow.grpc.inventory.v1.GetProductsRequest;
import io.shopflow.grpc.inventory.v1.GetProductsResponse;
import io.shopflow.grpc.inventory.v1.GetStockRequest;
import io.shopflow.grpc.inventory.v1.InventoryService;
import io.shopflow.grpc.inventory.v1.Product;
import io.shopflow.grpc.inventory.v1.StockShortage;
import io.shopflow.inventory.app.StockReservations;
import io.shopflow.inventory.config.InventoryConfig;
import io.shopflow.inventory.domain.InventoryProblems.ProductNotFound;
import io.shopflow.inventory.persistence.ProductRepository;
import io.smallrye.mutiny.Uni;

/** The InventoryService gRPC API: product lookups and stock checks for order-service and the gateway. */
@GrpcService
public class InventoryGrpcService implements InventoryService {

    private final ProductRepository products;
    private final InventoryConfig config;

    public InventoryGrpcService(ProductRepository products, InventoryConfig config) {
        this.products = products;
        this.config = config;
    }

    @Override
    public Uni<GetProductsResponse> getProducts(GetProductsRequest request) {
        var skus = request.getSkusList();
        checkBatch(skus.size());
        skus.forEach(InventoryGrpcService::checkSku);
        return products.find(skus).map(found -> {
            var response = GetProductsResponse.newBuilder();
            skus.stream().distinct().forEach(sku -> {
                if (found.containsKey(sku)) {
                    response.addProducts(message(found.get(sku)));
                } else {
                    response.addMissingSkus(sku);
                }
            });
            return response.build();
        });
    }

    @Override
    public Uni<Product> getStock(GetStockRequest request) {
        checkSku(request.getSku());
        return products.find(request.getSku()).map(found -> found.map(InventoryGrpcService::message)
                .orElseThrow(() -> Status.NOT_FOUND.withDescription(new ProductNotFound(request.getSku()).getMessage())
                        .asRuntimeException()));
    }

    @Override
    public Uni<CheckStockResponse> checkStock(CheckStockRequest request) {
        checkBatch(request.getLinesCount());
        var lines = request.getLinesList().stream().map(line -> {
            checkSku(line.getSku());
            if (line.getQuantity() < 1) {
                throw invalid("quantity of " + line.getSku() + " must be 1 or more");
            }
            return new StockLine(line.getSku(), line.getQuantity());
        }).toList();
        try {
            StockReservations.perSku(lines);
        } catch (ArithmeticException overflow) {
            throw invalid("the quantities of one sku add up to more than " + Integer.MAX_VALUE);
        }
        return products.find(lines.stream().map(StockLine::sku).toList()).map(found -> {
            var shortages = StockReservations.shortages(lines, found);
            var response = CheckStockResponse.newBuilder().setAvailable(shortages.isEmpty());
            shortages.forEach(shortage -> response.addShort(StockShortage.newBuilder().setSku(shortage.sku())
                    .setRequested(shortage.requested()).setAvailable(shortage.available())
                    .setUnknown(!found.containsKey(shortage.sku()))));
            return response.build();
        });
    }

    private void checkBatch(int size) {
        if (size == 0 || size > config.maxBatchSize()) {
            throw invalid("between 1 and " + config.maxBatchSize() + " skus per call, got " + size);
        }
    }

    private static void checkSku(String sku) {
        if (sku.isBlank()) {
            throw invalid("a sku must not be blank");
        }
    }

    private static RuntimeException invalid(String description) {
        return Status.INVALID_ARGUMENT.withDescription(description).asRuntimeException();
    }

    private static Product message(io.shopflow.inventory.domain.Product product) {
        return Product.newBuilder().setSku(product.sku()).setName(product.name())
                .setUnitPrice(product.unitPrice().toPlainString()).setCurrency(product.currency())
                .setAvailable(product.available()).build();
    }
}
