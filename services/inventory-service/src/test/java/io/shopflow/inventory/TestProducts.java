package io.shopflow.inventory;

import static io.restassured.RestAssured.given;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.UUID;

/**
 * Products of a test's own, added straight to the catalogue table (there is no API to create products: the
 * catalogue is seeded), so that each test counts stock no other test touches.
 */
final class TestProducts {

    private TestProducts() {
    }

    static String add(Pool pool, int onHand) {
        String sku = "TEST-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        pool.preparedQuery("INSERT INTO products (sku, name, unit_price, currency, on_hand) VALUES ($1, $2, 10.00, 'EUR', $3)")
                .execute(Tuple.of(sku, "Test product " + sku, onHand)).await().indefinitely();
        return sku;
    }

    static int reserved(String sku) {
        return given().when().get("/api/v1/products/" + sku).then().statusCode(200).extract().path("reserved");
    }

    static int onHand(String sku) {
        return given().when().get("/api/v1/products/" + sku).then().statusCode(200).extract().path("onHand");
    }
}
