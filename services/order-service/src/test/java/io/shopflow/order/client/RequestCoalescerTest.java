package io.shopflow.order.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequestCoalescerTest {

    private final Vertx vertx = Vertx.vertx();
    private final List<Set<String>> batchesSent = new CopyOnWriteArrayList<>();
    private final List<Context> batchCallContexts = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    /** A batch call that knows every key but "ghost", and answers each with its upper-case form. */
    private Uni<Map<String, String>> upperCase(Set<String> keys) {
        batchesSent.add(keys);
        batchCallContexts.add(Vertx.currentContext());
        return Uni.createFrom().item(keys.stream().filter(key -> !key.equals("ghost"))
                .collect(Collectors.toMap(Function.identity(), String::toUpperCase)));
    }

    @Test
    void concurrent_lookups_go_out_as_a_few_batches_and_each_caller_gets_its_own_answer() {
        var coalescer = new RequestCoalescer<String, String>(this::upperCase, 50, Duration.ofMillis(20), vertx);

        var answers = Uni.join().all(IntStream.range(0, 100).mapToObj(n -> coalescer.get("user-" + n)).toList())
                .andFailFast().await().atMost(Duration.ofSeconds(5));

        assertThat(answers).containsExactlyElementsOf(
                IntStream.range(0, 100).mapToObj(n -> Optional.of("USER-" + n)).toList());
        assertThat(batchesSent).hasSizeBetween(2, 6).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(50));
        assertThat(batchesSent.stream().mapToInt(Set::size).sum()).isEqualTo(100);
    }

    @Test
    void a_key_asked_for_twice_in_a_window_is_sent_once_and_an_unknown_key_is_empty() {
        var coalescer = new RequestCoalescer<String, String>(this::upperCase, 50, Duration.ofMillis(50), vertx);

        var answers = Uni.join().all(coalescer.get("ada"), coalescer.get("ada"), coalescer.get("ghost"))
                .andFailFast().await().atMost(Duration.ofSeconds(5));

        assertThat(answers).containsExactly(Optional.of("ADA"), Optional.of("ADA"), Optional.empty());
        assertThat(batchesSent).containsExactly(Set.of("ada", "ghost"));
    }

    @Test
    void a_failed_batch_fails_its_lookups_and_the_next_batch_is_sent_as_usual() {
        var failNext = new boolean[] {true};
        var coalescer = new RequestCoalescer<String, String>(keys -> {
            if (failNext[0]) {
                failNext[0] = false;
                return Uni.createFrom().failure(new IllegalStateException("user-service down"));
            }
            return upperCase(keys);
        }, 50, Duration.ofMillis(10), vertx);

        assertThatThrownBy(() -> coalescer.get("ada").await().atMost(Duration.ofSeconds(5)))
                .hasMessageContaining("user-service down");
        assertThat(coalescer.get("grace").await().atMost(Duration.ofSeconds(5))).contains("GRACE");
    }

    @Test
    void each_caller_carries_on_in_its_own_vertx_context_and_the_batch_call_in_none_of_theirs() {
        var coalescer = new RequestCoalescer<String, String>(this::upperCase, 50, Duration.ofMillis(20), vertx);
        var callers = IntStream.range(0, 20).mapToObj(n -> VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext())).toList();
        var answeredOn = callers.stream().map(caller -> {
            var answered = new CompletableFuture<Context>();
            caller.runOnContext(ignored -> coalescer.get("user").subscribe()
                    .with(answer -> answered.complete(Vertx.currentContext()), answered::completeExceptionally));
            return answered;
        }).toList();

        assertThat(answeredOn).map(CompletableFuture::join).containsExactlyElementsOf(callers);
        assertThat(batchCallContexts).isNotEmpty().doesNotContainAnyElementsOf(callers).doesNotContainNull();
    }
}
