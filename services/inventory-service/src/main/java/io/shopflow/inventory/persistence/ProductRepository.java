package io.shopflow.inventory.persistence;

import io.shopflow.events.inventory.StockLine;
import io.shopflow.inventory.domain.Product;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code products} table. Stock moves only through {@link #moveStock}, on rows locked by {@link #lock}. */
@ApplicationScoped
public class ProductRepository {

    private static final String COLUMNS = "sku, name, unit_price, currency, on_hand, reserved";

    /** How one stock movement changes a line's product: reserve, release or commit. */
    public enum Movement {
        RESERVE("reserved = p.reserved + l.quantity"),
        RELEASE("reserved = p.reserved - l.quantity"),
        COMMIT("on_hand = p.on_hand - l.quantity, reserved = p.reserved - l.quantity");

        private final String assignments;

        Movement(String assignments) {
            this.assignments = assignments;
        }
    }

    private final Pool pool;

    public ProductRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<Product>> all() {
        return pool.query("SELECT " + COLUMNS + " FROM products ORDER BY sku").execute().map(ProductRepository::products);
    }

    public Uni<Optional<Product>> find(String sku) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM products WHERE sku = $1").execute(Tuple.of(sku))
                .map(rows -> products(rows).stream().findFirst());
    }

    /** The products of {@code skus} that exist, by sku; a plain read, for lookups. */
    public Uni<Map<String, Product>> find(Collection<String> skus) {
        return bySku(pool, "SELECT " + COLUMNS + " FROM products WHERE sku = ANY($1)", skus);
    }

    /**
     * Locks the products of {@code skus} until {@code tx} ends, always in sku order, so that two transactions
     * moving stock of the same products wait for each other instead of deadlocking.
     */
    public Uni<Map<String, Product>> lock(SqlConnection tx, Collection<String> skus) {
        return bySku(tx, "SELECT " + COLUMNS + " FROM products WHERE sku = ANY($1) ORDER BY sku FOR UPDATE", skus);
    }

    /**
     * Makes {@code tx} the only transaction moving stock for events until it ends. A consumer's batch moves the
     * stock of one order after another, locking their products as it goes, so two batches handled side by side
     * (two partitions, or the order and payment topics) would lock the same products in different orders and
     * deadlock. Sorting every product of a batch up front would need each release's reservation read first; the
     * products are few and hot, so batches simply take turns. A single sku's change ({@link #lock} of one) needs
     * no turn: alone, it cannot complete a cycle.
     */
    public Uni<Void> lockStockMoves(SqlConnection tx) {
        return tx.query("SELECT pg_advisory_xact_lock(hashtext('shopflow.inventory.stock-moves'))").execute()
                .replaceWithVoid();
    }

    /** Applies {@code movement} to every line's product, in one statement; the rows must be locked. */
    public Uni<Void> moveStock(SqlConnection tx, Movement movement, List<StockLine> lines) {
        return tx.preparedQuery("UPDATE products p SET " + movement.assignments
                        + " FROM unnest($1::text[], $2::int[]) AS l(sku, quantity) WHERE p.sku = l.sku")
                .execute(Tuple.of(lines.stream().map(StockLine::sku).toArray(String[]::new),
                        lines.stream().map(StockLine::quantity).toArray(Integer[]::new)))
                .replaceWithVoid();
    }

    public Uni<Void> setOnHand(SqlConnection tx, String sku, int onHand) {
        return tx.preparedQuery("UPDATE products SET on_hand = $2 WHERE sku = $1").execute(Tuple.of(sku, onHand))
                .replaceWithVoid();
    }

    private static Uni<Map<String, Product>> bySku(SqlClient client, String query, Collection<String> skus) {
        var wanted = skus.toArray(String[]::new);
        return client.preparedQuery(query).execute(Tuple.of(wanted)).map(rows -> {
            var found = new LinkedHashMap<String, Product>();
            products(rows).forEach(product -> found.put(product.sku(), product));
            return found;
        });
    }

    private static List<Product> products(RowSet<Row> rows) {
        var products = new ArrayList<Product>(rows.size());
        rows.forEach(row -> products.add(new Product(row.getString("sku"), row.getString("name"),
                row.getBigDecimal("unit_price"), row.getString("currency"), row.getInteger("on_hand"),
                row.getInteger("reserved"))));
        return products;
    }
}
