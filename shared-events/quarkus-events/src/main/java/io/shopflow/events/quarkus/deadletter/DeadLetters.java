package io.shopflow.events.quarkus.deadletter;

import io.shopflow.events.CloudEventHeaders;
import io.shopflow.events.EventCodec;
import io.shopflow.events.MalformedEventException;
import io.shopflow.events.PlatformEvents;
import io.shopflow.problems.NotFoundException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * What an operator does with this service's dead letters: list, show, redrive (one, a selection, or every waiting
 * one of a type) and discard with a reason. A request that names anything it cannot act on (an unknown id, a
 * discarded letter, an event this service cannot read) changes nothing at all.
 *
 * <p>A redrive sends the record as consumed to the consumer's redrive topic, which only that consumer's channel
 * reads: the same {@code IdempotentConsumer}, inbox and handlers as the first delivery. An event that took effect
 * meanwhile is a duplicate there and has no second effect. An event whose aggregate has moved on since (later events
 * took effect) is not refused: the handler decides, with the state and version checks every handler already makes
 * for late and reordered events (docs/decisions/0011-dead-letters.md).
 */
@ApplicationScoped
public class DeadLetters {

    private final DeadLetterStore store;
    private final RedriveSender sender;
    private final DeadLetterGauges gauges;
    private final EventCodec codec;
    private final Pool pool;

    public DeadLetters(DeadLetterStore store, RedriveSender sender, DeadLetterGauges gauges, EventCodec codec,
                       Pool pool) {
        this.store = store;
        this.sender = sender;
        this.gauges = gauges;
        this.codec = codec;
        this.pool = pool;
    }

    public Uni<List<DeadLetter>> list(DeadLetterStore.Filter filter) {
        return store.list(filter);
    }

    public Uni<DeadLetter> show(UUID id) {
        return store.find(id).map(found -> found.orElseThrow(() -> notFound(List.of(id))));
    }

    /** Redrives these, all or none; answers them as they are now. */
    public Uni<List<DeadLetter>> redrive(List<UUID> ids) {
        var distinct = List.copyOf(new LinkedHashSet<>(ids));
        return store.find(distinct).invoke(found -> {
            var missing = new HashSet<>(distinct);
            found.forEach(letter -> missing.remove(letter.id()));
            if (!missing.isEmpty()) {
                throw notFound(List.copyOf(missing));
            }
            found.forEach(DeadLetters::requireNotDiscarded);
        }).chain(this::redriveAll);
    }

    /** Redrives every waiting dead letter of {@code eventType} (a name such as {@code OrderPlaced}). */
    public Uni<List<DeadLetter>> redriveWaitingOfType(String eventType) {
        if (PlatformEvents.catalog().byName(eventType).isEmpty()) {
            return Uni.createFrom().failure(new UnknownEventSchemaException("No event type " + eventType
                    + " is known to this service"));
        }
        return store.waitingOfType(eventType).chain(this::redriveAll);
    }

    public Uni<DeadLetter> discard(UUID id, String reason) {
        return store.discard(id, reason).chain(discarded -> discarded ? show(id).call(gauges::refresh)
                : show(id).invoke(DeadLetters::requireNotDiscarded));
    }

    private Uni<List<DeadLetter>> redriveAll(List<DeadLetter> letters) {
        letters.forEach(this::requireReadable);
        var ids = letters.stream().map(DeadLetter::id).toList();
        // Marked in the transaction that commits only once Kafka has every record: a failed send leaves all as
        // they were, and a redrive that fails again cannot be dead-lettered (and marked waiting) before this mark.
        return pool.withTransaction(tx -> store.markRedriven(tx, ids).chain(() -> sender.send(letters)))
                .chain(gauges::refresh)
                .chain(() -> store.find(ids));
    }

    /** What the consumer would do first; an event it cannot read would only come back as a dead letter. */
    private void requireReadable(DeadLetter letter) {
        try {
            codec.decode(CloudEventHeaders.read(letter.kafkaHeaders(), letter.payload()));
        } catch (MalformedEventException e) {
            throw new UnknownEventSchemaException("Dead letter " + letter.id() + " cannot be redriven: "
                    + e.getMessage());
        }
    }

    private static void requireNotDiscarded(DeadLetter letter) {
        if (letter.status() == DeadLetter.Status.DISCARDED) {
            throw new DeadLetterDiscardedException("Dead letter " + letter.id() + " was discarded: "
                    + letter.discardReason());
        }
    }

    private static NotFoundException notFound(List<UUID> ids) {
        return new NotFoundException("No dead letter " + ids.stream().map(UUID::toString).sorted()
                .reduce((a, b) -> a + ", " + b).orElse(""));
    }
}
