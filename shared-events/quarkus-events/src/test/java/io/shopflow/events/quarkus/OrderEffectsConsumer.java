package io.shopflow.events.quarkus;

import io.shopflow.events.DomainEvent;
import io.shopflow.events.EventEnvelope;
import io.shopflow.events.order.OrderCancelled;
import io.shopflow.events.order.OrderConfirmed;
import io.shopflow.infra.testing.DatabaseOutage;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * A consumer as a service writes one: it records an effect per confirmation and cancellation (other order events
 * are not its business), and counts the effects committed. Cancellations whose reason is
 * {@code flaky} fail twice before succeeding, {@code broken} ones always fail, and {@code unknown} ones name
 * something this consumer cannot know, to exercise retries and dead-lettering; an {@code outage} one takes the
 * database away mid-batch, a {@code hold} one holds its batch until released. A {@code repairable} one fails
 * until its order is {@link #repair repaired} (the cause of a dead letter, fixed); then, as a real handler checks the
 * state its event meets, it cancels only an order that no confirmation has reached. It remembers the size of the
 * batch each event first came in.
 * Its batch locks take an advisory lock and note the events they were given; each handler notes whether that lock
 * was held when it ran.
 */
@ApplicationScoped
public class OrderEffectsConsumer {

    static final String FLAKY = "flaky";
    static final String BROKEN = "broken";
    static final String UNKNOWN = "unknown";
    /** Takes the database away while its batch is being handled (the test ends the outage). */
    static final String OUTAGE = "outage";
    /** Holds its batch, on its first attempt, until the test releases it. */
    static final String HOLD = "hold";
    /** Fails until its order is repaired; then cancels an order only if it was not confirmed. */
    static final String REPAIRABLE = "repairable";
    private static final int FLAKY_FAILURES = 2;
    /** The advisory lock its batch locks take (a key of 32 bits: pg_locks shows it as objid). */
    private static final int BATCH_LOCK = 4242;

    private final IdempotentConsumer consumer;
    private final Map<UUID, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Map<UUID, String> traceparents = new ConcurrentHashMap<>();
    private final AtomicInteger committed = new AtomicInteger();
    private final Map<UUID, Integer> batchSizes = new ConcurrentHashMap<>();
    private final AtomicReference<DatabaseOutage> outage = new AtomicReference<>();
    private final CompletableFuture<Void> holding = new CompletableFuture<>();
    private final CompletableFuture<Void> released = new CompletableFuture<>();
    private final Set<String> repaired = ConcurrentHashMap.newKeySet();
    private final Map<String, List<String>> givenToBatchLocks = new ConcurrentHashMap<>();
    private final Map<UUID, Boolean> batchLockHeld = new ConcurrentHashMap<>();
    private final EventHandlers handlers = EventHandlers.on(OrderConfirmed.class, this::apply)
            .and(OrderCancelled.class, this::apply)
            .lockingFirst(this::lockFirst);

    public OrderEffectsConsumer(IdempotentConsumer consumer) {
        this.consumer = consumer;
    }

    @Incoming("orders")
    public Uni<Void> on(KafkaRecordBatch<String, byte[]> batch) {
        batch.getRecords().forEach(record -> eventId(record).ifPresent(id -> batchSizes.putIfAbsent(id,
                batch.getRecords().size())));
        return consumer.consume(batch, handlers, committed::incrementAndGet);
    }

    /** The size of the batch that first delivered the event; 0 when none has. */
    int batchSizeOf(UUID eventId) {
        return batchSizes.getOrDefault(eventId, 0);
    }

    /** The outage an {@link #OUTAGE} cancellation began, for the test to end; null when none did. */
    DatabaseOutage outage() {
        return outage.get();
    }

    /** Completes once a {@link #HOLD} cancellation's batch is being held. */
    CompletableFuture<Void> holding() {
        return holding;
    }

    /** Fixes what {@link #REPAIRABLE} cancellations of this order failed on. */
    void repair(String orderId) {
        repaired.add(orderId);
    }

    /** Lets the held batch go on. */
    void release() {
        released.complete(null);
    }

    private static Optional<UUID> eventId(KafkaRecord<String, byte[]> record) {
        var id = record.getHeaders().lastHeader("ce_id");
        return id == null ? Optional.empty() : Optional.of(UUID.fromString(new String(id.value(), StandardCharsets.UTF_8)));
    }

    /** The traceparent the handler was given for the event: its consumer span's. */
    String traceparentSeen(UUID eventId) {
        return traceparents.get(eventId);
    }

    /** Effects committed so far (the consumer's afterEffect, once per commit that had any). */
    int committed() {
        return committed.get();
    }

    int attempts(UUID eventId) {
        return attempts.getOrDefault(eventId, new AtomicInteger()).get();
    }

    /** The types of the order's events its batch locks were given, in the order given, over every attempt. */
    List<String> givenToBatchLocks(String orderId) {
        return givenToBatchLocks.getOrDefault(orderId, List.of());
    }

    /** Whether the batch lock was held when the event's handler last ran; null when it never ran. */
    Boolean batchLockHeld(UUID eventId) {
        return batchLockHeld.get(eventId);
    }

    private Uni<Void> lockFirst(SqlConnection tx, List<DomainEvent> events) {
        events.forEach(event -> givenToBatchLocks.computeIfAbsent(event.aggregateId(), id -> new CopyOnWriteArrayList<>())
                .add(event.getClass().getSimpleName()));
        return tx.preparedQuery("SELECT pg_advisory_xact_lock($1)").execute(Tuple.of((long) BATCH_LOCK))
                .replaceWithVoid();
    }

    private Uni<Void> apply(SqlConnection tx, DomainEvent event, EventEnvelope envelope) {
        return tx.preparedQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid::bigint = $1"
                        + " AND pid = pg_backend_pid()")
                .execute(Tuple.of((long) BATCH_LOCK))
                .invoke(rows -> batchLockHeld.put(envelope.id(), rows.iterator().next().getLong(0) > 0))
                .chain(() -> effectOf(tx, event, envelope));
    }

    private Uni<Void> effectOf(SqlConnection tx, DomainEvent event, EventEnvelope envelope) {
        int attempt = attempts.computeIfAbsent(envelope.id(), id -> new AtomicInteger()).incrementAndGet();
        if (envelope.traceparent() != null) {
            traceparents.put(envelope.id(), envelope.traceparent());
        }
        if (event instanceof OrderCancelled cancelled) {
            if (UNKNOWN.equals(cancelled.reason())) {
                return Uni.createFrom().failure(new UnprocessableEventException("no order " + cancelled.orderId()));
            }
            if (HOLD.equals(cancelled.reason()) && attempt == 1) {
                holding.complete(null);
                return Uni.createFrom().completionStage(released).chain(() -> record(tx, event, envelope));
            }
            if (OUTAGE.equals(cancelled.reason()) && attempt == 1) {
                return takeTheDatabaseAway(tx).chain(() -> record(tx, event, envelope));
            }
            if (REPAIRABLE.equals(cancelled.reason())) {
                return repaired.contains(cancelled.orderId()) ? unlessConfirmed(tx, cancelled, envelope)
                        : Uni.createFrom().failure(new IllegalStateException("cannot cancel " + cancelled.orderId()
                        + " until repaired"));
            }
            if (BROKEN.equals(cancelled.reason()) || (FLAKY.equals(cancelled.reason()) && attempt <= FLAKY_FAILURES)) {
                return Uni.createFrom().failure(new IllegalStateException("cannot cancel " + cancelled.orderId()
                        + " (" + cancelled.reason() + ", attempt " + attempt + ")"));
            }
        }
        return record(tx, event, envelope);
    }

    /** The state check: a confirmed order is never cancelled by a late event. */
    private static Uni<Void> unlessConfirmed(SqlConnection tx, OrderCancelled cancelled, EventEnvelope envelope) {
        return tx.preparedQuery("SELECT 1 FROM order_effects WHERE order_id = $1 AND kind = 'OrderConfirmed'")
                .execute(Tuple.of(cancelled.orderId()))
                .chain(rows -> rows.size() > 0 ? Uni.createFrom().voidItem() : record(tx, cancelled, envelope));
    }

    private static Uni<Void> record(SqlConnection tx, DomainEvent event, EventEnvelope envelope) {
        return tx.preparedQuery("INSERT INTO order_effects (event_id, order_id, kind) VALUES ($1, $2, $3)")
                .execute(Tuple.of(envelope.id(), event.aggregateId(), envelope.type()))
                .replaceWithVoid();
    }

    /** Refuses connections to this database and ends those open, this transaction's too (blocking: on a worker). */
    private Uni<Void> takeTheDatabaseAway(SqlConnection tx) {
        return tx.query("SELECT current_database()").execute()
                .map(rows -> rows.iterator().next().getString(0))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .invoke(database -> outage.set(DatabaseOutage.begin(database)))
                .replaceWithVoid();
    }
}
