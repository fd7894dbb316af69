package io.shopflow.inventory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.shopflow.grpc.inventory.v1.CheckStockRequest;
import io.shopflow.grpc.inventory.v1.GetProductsRequest;
import io.shopflow.grpc.inventory.v1.GetStockRequest;
import io.shopflow.grpc.inventory.v1.InventoryServiceGrpc.InventoryServiceBlockingStub;
import io.shopflow.grpc.inventory.v1.StockLine;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The catalogue over REST and gRPC (a real channel to the running service), with its refusals. */
@QuarkusTest
class CatalogueApiTest {

    @GrpcClient("inventory")
    InventoryServiceBlockingStub inventory;

    @Inject
    Pool pool;

    @Test
    void the_demo_catalogue_is_seeded() {
        given().when().get("/api/v1/products").then().statusCode(200)
                .body("sku", hasItem("BOOK-DDD"))
                .body("find { it.sku == 'LAMP-LIMITED' }.unitPrice", equalTo(149.0f));
    }

    @Test
    void restocking_sets_on_hand_but_never_below_what_is_reserved() {
        String sku = TestProducts.add(pool, 3);
        given().contentType(ContentType.JSON).body(Map.of("onHand", 40)).when().put("/api/v1/products/" + sku + "/stock")
                .then().statusCode(200).body("onHand", equalTo(40)).body("available", equalTo(40));
        given().contentType(ContentType.JSON).body(Map.of("onHand", -1)).when().put("/api/v1/products/" + sku + "/stock")
                .then().statusCode(400).contentType("application/problem+json");
        pool.query("UPDATE products SET reserved = 5 WHERE sku = '" + sku + "'").execute().await().indefinitely();
        given().contentType(ContentType.JSON).body(Map.of("onHand", 4)).when().put("/api/v1/products/" + sku + "/stock")
                .then().statusCode(409).body("type", equalTo("urn:shopflow:problem:stock-below-reserved"));
    }

    @Test
    void unknown_products_and_reservations_are_404() {
        given().when().get("/api/v1/products/NOPE").then().statusCode(404).contentType("application/problem+json");
        given().when().get("/api/v1/reservations/no-order").then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("onHand", 1)).when().put("/api/v1/products/NOPE/stock")
                .then().statusCode(404);
    }

    @Test
    void a_nul_character_in_the_path_or_query_is_a_bad_request_not_a_database_error() {
        given().urlEncodingEnabled(false).when().get("/api/v1/products/BOOK%00").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("The path or query holds a NUL character (%00)"))
                .body("instance", equalTo("/api/v1/products/BOOK%00"));
        given().urlEncodingEnabled(false).when().get("/api/v1/products?x=%00").then().statusCode(400);
    }

    @Test
    void a_nul_character_in_a_grpc_request_is_an_invalid_argument_naming_the_field() {
        var request = GetProductsRequest.newBuilder().addSkus("BOOK-DDD").addSkus("BOOK\u0000").build();
        assertThatThrownBy(() -> inventory.getProducts(request)).isInstanceOfSatisfying(StatusRuntimeException.class,
                failure -> assertThat(failure.getStatus()).satisfies(
                        status -> assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT),
                        status -> assertThat(status.getDescription()).isEqualTo(
                                "skus[1]: must not hold a NUL character")));
    }

    @Test
    void grpc_batch_lookup_lists_missing_skus_instead_of_failing() {
        var answer = inventory.getProducts(GetProductsRequest.newBuilder().addSkus("BOOK-DDD").addSkus("NOPE").build());

        assertThat(answer.getProductsList()).singleElement().satisfies(product -> {
            assertThat(product.getSku()).isEqualTo("BOOK-DDD");
            assertThat(product.getUnitPrice()).isEqualTo("54.90");
            assertThat(product.getCurrency()).isEqualTo("EUR");
        });
        assertThat(answer.getMissingSkusList()).containsExactly("NOPE");
    }

    @Test
    void grpc_stock_check_names_the_short_lines() {
        String sku = TestProducts.add(pool, 2);
        var answer = inventory.checkStock(CheckStockRequest.newBuilder()
                .addLines(StockLine.newBuilder().setSku(sku).setQuantity(3))
                .addLines(StockLine.newBuilder().setSku("BOOK-DDD").setQuantity(1)).build());

        assertThat(answer.getAvailable()).isFalse();
        assertThat(answer.getShortList()).singleElement().satisfies(shortage -> {
            assertThat(shortage.getSku()).isEqualTo(sku);
            assertThat(shortage.getAvailable()).isEqualTo(2);
            assertThat(shortage.getUnknown()).isFalse();
        });
    }

    @Test
    void grpc_stock_check_tells_an_unknown_sku_from_a_short_one() {
        var answer = inventory.checkStock(CheckStockRequest.newBuilder()
                .addLines(StockLine.newBuilder().setSku("../../etc").setQuantity(1)).build());

        assertThat(answer.getAvailable()).isFalse();
        assertThat(answer.getShortList()).singleElement().satisfies(shortage -> {
            assertThat(shortage.getSku()).isEqualTo("../../etc");
            assertThat(shortage.getAvailable()).isZero();
            assertThat(shortage.getUnknown()).isTrue();
        });
    }

    @Test
    void grpc_refusals_use_the_right_status_codes() {
        assertCode(() -> inventory.getProducts(GetProductsRequest.getDefaultInstance()), Status.Code.INVALID_ARGUMENT);
        assertCode(() -> inventory.getProducts(GetProductsRequest.newBuilder().addSkus(" ").build()),
                Status.Code.INVALID_ARGUMENT);
        assertCode(() -> inventory.getStock(GetStockRequest.newBuilder().setSku("NOPE").build()), Status.Code.NOT_FOUND);
        assertCode(() -> inventory.checkStock(CheckStockRequest.newBuilder()
                .addLines(StockLine.newBuilder().setSku("BOOK-DDD").setQuantity(0)).build()), Status.Code.INVALID_ARGUMENT);
        // Two lines of one sku adding up past int's range (they wrapped to a negative sum that any stock covered).
        assertCode(() -> inventory.checkStock(CheckStockRequest.newBuilder()
                .addLines(StockLine.newBuilder().setSku("BOOK-DDD").setQuantity(Integer.MAX_VALUE))
                .addLines(StockLine.newBuilder().setSku("BOOK-DDD").setQuantity(Integer.MAX_VALUE)).build()),
                Status.Code.INVALID_ARGUMENT);
    }

    @Test
    void grpc_refusals_name_the_field_as_the_proto_spells_it() {
        assertDescription(() -> inventory.checkStock(CheckStockRequest.newBuilder()
                .addLines(StockLine.newBuilder().setSku("BOOK-DDD").setQuantity(1))
                .addLines(StockLine.newBuilder().setSku(" ").setQuantity(1)).build()), "lines[1].sku: must not be blank");
        assertDescription(() -> inventory.checkStock(CheckStockRequest.newBuilder()
                .addLines(StockLine.newBuilder().setSku("BOOK-DDD").setQuantity(-3)).build()),
                "lines[0].quantity: must be 1 or more, got -3");
        assertDescription(() -> inventory.checkStock(CheckStockRequest.newBuilder()
                .addLines(StockLine.newBuilder().setSku("BOOK-DDD").setQuantity(Integer.MAX_VALUE))
                .addLines(StockLine.newBuilder().setSku("BOOK-DDD").setQuantity(Integer.MAX_VALUE)).build()),
                "lines: the quantities of BOOK-DDD add up to 4294967294, more than 2147483647");
        assertDescription(() -> inventory.getProducts(GetProductsRequest.getDefaultInstance()),
                "skus: between 1 and 100 per call, got 0");
    }

    private static void assertDescription(Runnable call, String description) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getDescription()).isEqualTo(description));
    }

    private static void assertCode(Runnable call, Status.Code code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(code));
    }
}
