package io.shopflow.shipping.persistence;

import io.shopflow.shipping.domain.Shipment;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/** The {@code shipments} table. */
@ApplicationScoped
public class ShipmentRepository {

    private static final String COLUMNS = "id, order_id, user_id, carrier, estimated_delivery, status, created_at";

    private final Pool pool;

    public ShipmentRepository(Pool pool) {
        this.pool = pool;
    }

    /** False when the order already has its shipment. */
    public Uni<Boolean> insert(SqlConnection tx, Shipment shipment) {
        return tx.preparedQuery("INSERT INTO shipments (id, order_id, user_id, carrier, estimated_delivery, status) "
                        + "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING")
                .execute(Tuple.tuple().addUUID(shipment.id()).addString(shipment.orderId()).addString(shipment.userId())
                        .addString(shipment.carrier()).addLocalDate(shipment.estimatedDelivery())
                        .addString(shipment.status()))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Optional<Shipment>> find(UUID id) {
        return one("SELECT " + COLUMNS + " FROM shipments WHERE id = $1", Tuple.of(id));
    }

    public Uni<Optional<Shipment>> findByOrder(String orderId) {
        return one("SELECT " + COLUMNS + " FROM shipments WHERE order_id = $1", Tuple.of(orderId));
    }

    private Uni<Optional<Shipment>> one(String query, Tuple arguments) {
        return pool.preparedQuery(query).execute(arguments)
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(shipment(rows.iterator().next())));
    }

    private static Shipment shipment(Row row) {
        return new Shipment(row.getUUID("id"), row.getString("order_id"), row.getString("user_id"),
                row.getString("carrier"), row.getLocalDate("estimated_delivery"), row.getString("status"),
                row.getOffsetDateTime("created_at"));
    }
}
