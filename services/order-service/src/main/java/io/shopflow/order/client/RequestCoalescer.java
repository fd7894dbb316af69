package io.shopflow.order.client;

import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Sends single lookups made at about the same time as one batch call (the request batcher of seed 003): keys
 * asked for within {@code window} of each other, up to {@code maxBatchSize}, go out together, and each caller
 * gets its own answer as if it had called alone. A key asked for twice in one window is sent once.
 *
 * <p>Threads: each batch call is made on a Vert.x context of its own, and each caller gets its answer back on
 * the Vert.x context it asked from. Left to Mutiny, the window's timer thread would make the call and carry every
 * waiting caller on, all sharing one Vert.x context across threads; gRPC's and OpenTelemetry's context storage
 * live in that context, and the callers overwrote each other's (Quarkus' Stork interceptor failed on it).
 *
 * <p>Built on Mutiny's grouping by size or time; written here only because no library joins the answers back
 * to their callers. A failed batch call fails every lookup in it; the stream itself carries on.
 *
 * @param <K> the key looked up, e.g. a user id
 * @param <V> the value found for a key; keys absent from the batch call's answer are {@link Optional#empty()}
 */
public final class RequestCoalescer<K, V> {

    private record Lookup<K, V>(K key, CompletableFuture<Optional<V>> answer) {
    }

    private final Function<Set<K>, Uni<Map<K, V>>> batchCall;
    /** The event loop that batch calls are made on, each in a duplicate of this context. */
    private final Context batchContext;
    /** Callers on any thread hand their lookups in here: its onNext is synchronized. */
    private final UnicastProcessor<Lookup<K, V>> lookups = UnicastProcessor.create();

    public RequestCoalescer(Function<Set<K>, Uni<Map<K, V>>> batchCall, int maxBatchSize, Duration window, Vertx vertx) {
        this.batchCall = batchCall;
        this.batchContext = vertx.getOrCreateContext();
        lookups.group().intoLists().of(maxBatchSize, window)
                .onItem().transformToUniAndMerge(this::send)
                .subscribe().with(sent -> { });
    }

    /** The value of {@code key}, looked up together with whatever else is asked for in the same window. */
    public Uni<Optional<V>> get(K key) {
        return Uni.createFrom().deferred(() -> {
            var lookup = new Lookup<K, V>(key, new CompletableFuture<>());
            Context caller = Vertx.currentContext();
            lookups.onNext(lookup);
            var answer = Uni.createFrom().completionStage(lookup.answer());
            return caller == null ? answer : answer.emitOn(on(caller));
        });
    }

    private Uni<Void> send(List<Lookup<K, V>> batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Set<K> keys = batch.stream().map(Lookup::key).collect(Collectors.toCollection(LinkedHashSet::new));
        return Uni.createFrom().deferred(() -> batchCall.apply(keys))
                .runSubscriptionOn(on(VertxContext.createNewDuplicatedContext(batchContext)))
                .onItemOrFailure().invoke((answers, failure) -> batch.forEach(lookup -> {
                    if (failure != null) {
                        lookup.answer().completeExceptionally(failure);
                    } else {
                        lookup.answer().complete(Optional.ofNullable(answers.get(lookup.key())));
                    }
                }))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private static Executor on(Context context) {
        return task -> context.runOnContext(ignored -> task.run());
    }
}
