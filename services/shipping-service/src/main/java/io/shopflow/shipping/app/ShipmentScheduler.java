package io.shopflow.shipping.app;

import io.shopflow.events.EventEnvelope;
import io.shopflow.events.order.OrderConfirmed;
import io.shopflow.events.quarkus.DomainEvents;
import io.shopflow.events.quarkus.EventHandlers;
import io.shopflow.events.quarkus.IdempotentConsumer;
import io.shopflow.events.shipment.ShipmentScheduled;
import io.shopflow.shipping.config.ShippingConfig;
import io.shopflow.shipping.domain.Shipment;
import io.shopflow.shipping.persistence.ShipmentRepository;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Schedules a shipment for each confirmed order (ShipmentScheduled), once: the inbox skips a redelivered event
 * and the order's one shipment id skips a repeated one.
 */
@ApplicationScoped
public class ShipmentScheduler {

    private final IdempotentConsumer consumer;
    private final ShipmentRepository shipments;
    private final DomainEvents domainEvents;
    private final ShippingConfig config;
    private final Clock clock = Clock.systemUTC();
    private final EventHandlers handlers = EventHandlers.on(OrderConfirmed.class, this::schedule);

    public ShipmentScheduler(IdempotentConsumer consumer, ShipmentRepository shipments, DomainEvents domainEvents,
                             ShippingConfig config) {
        this.consumer = consumer;
        this.shipments = shipments;
        this.domainEvents = domainEvents;
        this.config = config;
    }

    @Incoming("orders")
    public Uni<Void> onOrder(KafkaRecordBatch<String, byte[]> batch) {
        return consumer.consume(batch, handlers);
    }

    private Uni<Void> schedule(SqlConnection tx, OrderConfirmed confirmed, EventEnvelope envelope) {
        var shipment = new Shipment(Shipment.idOf(confirmed.orderId()), confirmed.orderId(), confirmed.userId(),
                carrierFor(confirmed.orderId()), LocalDate.now(clock).plusDays(config.deliveryDays()), Shipment.SCHEDULED,
                null);
        return shipments.insert(tx, shipment).flatMap(scheduled -> scheduled
                ? domainEvents.publishCausedBy(tx, envelope, new ShipmentScheduled(shipment.id().toString(),
                        shipment.orderId(), shipment.userId(), shipment.carrier(), shipment.estimatedDelivery()))
                : Uni.createFrom().voidItem());
    }

    /** Spreads orders over the carriers, the same carrier for the same order. */
    String carrierFor(String orderId) {
        var carriers = config.carriers();
        return carriers.get(Math.floorMod(orderId.hashCode(), carriers.size()));
    }
}
