package io.shopflow.events.quarkus;

import io.shopflow.events.DomainEvent;
import io.shopflow.events.EventEnvelope;
import io.shopflow.events.order.OrderCancelled;
import io.shopflow.events.order.OrderConfirmed;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * A consumer as a service writes one: it records an effect per confirmation and cancellation (other order events
 * are not its business), and counts the effects committed. Cancellations whose reason is
 * {@code flaky} fail twice before succeeding, {@code broken} ones always fail, and {@code unknown} ones name
 * something this consumer cannot know, to exercise retries and dead-lettering.
 */
@ApplicationScoped
public class OrderEffectsConsumer {

    static final String FLAKY = "flaky";
    static final String BROKEN = "broken";
    static final String UNKNOWN = "unknown";
    private static final int FLAKY_FAILURES = 2;

    private final IdempotentConsumer consumer;
    private final Map<UUID, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Map<UUID, String> traceparents = new ConcurrentHashMap<>();
    private final AtomicInteger committed = new AtomicInteger();
    private final EventHandlers handlers = EventHandlers.on(OrderConfirmed.class, this::apply)
            .and(OrderCancelled.class, this::apply);

    public OrderEffectsConsumer(IdempotentConsumer consumer) {
        this.consumer = consumer;
    }

    @Incoming("orders")
    public Uni<Void> on(ConsumerRecord<String, byte[]> record) {
        return consumer.consume(record, handlers, committed::incrementAndGet);
    }

    /** The traceparent the handler was given for the event: its consumer span's. */
    String traceparentSeen(UUID eventId) {
        return traceparents.get(eventId);
    }

    /** Effects committed so far (the consumer's afterEffect). */
    int committed() {
        return committed.get();
    }

    int attempts(UUID eventId) {
        return attempts.getOrDefault(eventId, new AtomicInteger()).get();
    }

    private Uni<Void> apply(SqlConnection tx, DomainEvent event, EventEnvelope envelope) {
        int attempt = attempts.computeIfAbsent(envelope.id(), id -> new AtomicInteger()).incrementAndGet();
        if (envelope.traceparent() != null) {
            traceparents.put(envelope.id(), envelope.traceparent());
        }
        if (event instanceof OrderCancelled cancelled) {
            if (UNKNOWN.equals(cancelled.reason())) {
                return Uni.createFrom().failure(new UnprocessableEventException("no order " + cancelled.orderId()));
            }
            if (BROKEN.equals(cancelled.reason()) || (FLAKY.equals(cancelled.reason()) && attempt <= FLAKY_FAILURES)) {
                return Uni.createFrom().failure(new IllegalStateException("cannot cancel " + cancelled.orderId()
                        + " (" + cancelled.reason() + ", attempt " + attempt + ")"));
            }
        }
        return tx.preparedQuery("INSERT INTO order_effects (event_id, order_id, kind) VALUES ($1, $2, $3)")
                .execute(Tuple.of(envelope.id(), event.aggregateId(), envelope.type()))
                .replaceWithVoid();
    }
}
