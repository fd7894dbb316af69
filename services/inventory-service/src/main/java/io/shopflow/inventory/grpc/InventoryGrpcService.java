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
import io.shopflow.problems.InvalidFieldException;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.HashMap;

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
        checkBatch("skus", skus.size());
        for (int n = 0; n < skus.size(); n++) {
            checkSku("skus[" + n + "]", skus.get(n));
        }
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
        checkSku("sku", request.getSku());
        return products.find(request.getSku()).map(found -> found.map(InventoryGrpcService::message)
                .orElseThrow(() -> Status.NOT_FOUND.withDescription(new ProductNotFound(request.getSku()).getMessage())
                        .asRuntimeException()));
    }

    @Override
    public Uni<CheckStockResponse> checkStock(CheckStockRequest request) {
        checkBatch("lines", request.getLinesCount());
        var lines = new ArrayList<StockLine>(request.getLinesCount());
        var perSku = new HashMap<String, Long>();
        for (int n = 0; n < request.getLinesCount(); n++) {
            var line = request.getLines(n);
            checkSku("lines[" + n + "].sku", line.getSku());
            if (line.getQuantity() < 1) {
                throw new InvalidFieldException("lines[" + n + "].quantity",
                        "must be 1 or more, got " + line.getQuantity());
            }
            // Summed as longs: int's sum of lines of one sku would wrap past its range into a negative quantity,
            // which any stock level covers.
            long total = perSku.merge(line.getSku(), (long) line.getQuantity(), Long::sum);
            if (total > Integer.MAX_VALUE) {
                throw new InvalidFieldException("lines", "the quantities of " + line.getSku() + " add up to "
                        + total + ", more than " + Integer.MAX_VALUE);
            }
            lines.add(new StockLine(line.getSku(), line.getQuantity()));
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

    private void checkBatch(String field, int size) {
        if (size == 0 || size > config.maxBatchSize()) {
            throw new InvalidFieldException(field, "between 1 and " + config.maxBatchSize() + " per call, got "
                    + size);
        }
    }

    private static void checkSku(String field, String sku) {
        if (sku.isBlank()) {
            throw new InvalidFieldException(field, "must not be blank");
        }
    }

    private static Product message(io.shopflow.inventory.domain.Product product) {
        return Product.newBuilder().setSku(product.sku()).setName(product.name())
                .setUnitPrice(product.unitPrice().toPlainString()).setCurrency(product.currency())
                .setAvailable(product.available()).build();
    }
}
