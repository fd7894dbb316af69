package io.shopflow.inventory.app;

import io.shopflow.inventory.domain.InventoryProblems.ProductNotFound;
import io.shopflow.inventory.domain.InventoryProblems.StockBelowReserved;
import io.shopflow.inventory.domain.Product;
import io.shopflow.inventory.persistence.ProductRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;

/** The products and their stock, as REST and gRPC read and restock them. */
@ApplicationScoped
public class Catalogue {

    private final ProductRepository products;
    private final Pool pool;

    public Catalogue(ProductRepository products, Pool pool) {
        this.products = products;
        this.pool = pool;
    }

    public Uni<List<Product>> all() {
        return products.all();
    }

    public Uni<Product> get(String sku) {
        return products.find(sku).map(found -> found.orElseThrow(() -> new ProductNotFound(sku)));
    }

    /** Sets what is on hand (a delivery, a stock count); refused below what open orders have reserved. */
    public Uni<Product> restock(String sku, int onHand) {
        return pool.withTransaction(tx -> products.lock(tx, Set.of(sku)).flatMap(locked -> {
            var product = locked.get(sku);
            if (product == null) {
                throw new ProductNotFound(sku);
            }
            if (onHand < product.reserved()) {
                throw new StockBelowReserved(sku, onHand, product.reserved());
            }
            return products.setOnHand(tx, sku, onHand);
        })).flatMap(done -> get(sku));
    }
}
