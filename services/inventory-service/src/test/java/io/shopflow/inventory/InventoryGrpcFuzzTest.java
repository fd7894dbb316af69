package io.shopflow.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.shopflow.events.testing.GrpcFuzzer;
import io.shopflow.grpc.inventory.v1.CheckStockRequest;
import io.shopflow.grpc.inventory.v1.GetProductsRequest;
import io.shopflow.grpc.inventory.v1.GetStockRequest;
import io.shopflow.grpc.inventory.v1.InventoryServiceGrpc;
import io.shopflow.grpc.inventory.v1.InventoryServiceGrpc.InventoryServiceBlockingStub;
import io.shopflow.grpc.inventory.v1.StockLine;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gRPC API under {@link GrpcFuzzer}'s bad calls: clear statuses, nothing leaked, no stock moved (it only reads). */
@QuarkusTest
class InventoryGrpcFuzzTest {

    private static final String STOCK = "SELECT count(*) || ':' || sum(on_hand) || ':' || sum(reserved) FROM products";

    @GrpcClient("inventory")
    InventoryServiceBlockingStub inventory;

    @Inject
    Pool pool;

    @Test
    void bad_calls_get_clear_statuses_that_leak_nothing_and_move_no_stock() {
        String sku = TestProducts.add(pool, 5);
        String stockBefore = stock();

        var report = new GrpcFuzzer(GrpcFuzzer.SEED, inventory.getChannel(), InventoryServiceGrpc.getServiceDescriptor(),
                Map.of("GetProducts", GetProductsRequest.newBuilder().addSkus(sku).build(),
                        "GetStock", GetStockRequest.newBuilder().setSku(sku).build(),
                        "CheckStock", CheckStockRequest.newBuilder()
                                .addLines(StockLine.newBuilder().setSku(sku).setQuantity(2)).build()))
                .run(GrpcFuzzer.CASES);
        System.out.printf("%nFuzzing InventoryService over gRPC (seed %d):%n%s%n", GrpcFuzzer.SEED, report);

        assertThat(report.problems()).as("answers that break the rules (seed %d)", GrpcFuzzer.SEED).isEmpty();
        assertThat(stock()).as("products, on hand, reserved").isEqualTo(stockBefore);
    }

    private String stock() {
        return pool.query(STOCK).execute().await().indefinitely().iterator().next().getString(0);
    }
}
