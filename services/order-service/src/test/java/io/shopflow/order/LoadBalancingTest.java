package io.shopflow.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.shopflow.grpc.user.v1.GetUserRequest;
import io.shopflow.grpc.user.v1.MutinyUserServiceGrpc.MutinyUserServiceStub;
import io.shopflow.grpc.user.v1.User;
import io.shopflow.order.UserServiceReplicas.Replica;
import io.shopflow.order.client.UserDirectoryClient;
import io.shopflow.order.client.UserDirectoryClient.UserBatch;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Client-side load balancing against three real user-service replicas (gRPC servers on ports of their own,
 * discovered through Stork): how calls spread under each strategy, what a slow replica costs, and what happens
 * when one dies under load and comes back. Each test leaves the replicas as it found them, up and fast, so the
 * tests run in any order.
 */
@QuarkusTest
@TestProfile(LoadBalancingTest.ThreeReplicas.class)
class LoadBalancingTest {

    public static class ThreeReplicas implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(UserServiceReplicas.class));
        }
    }

    /**
     * Connections come up within a second, and one to a replica started again within gRPC's next reconnection
     * attempt (after 1 s, then 1.6 s, 2.6 s, ... since it went down); 30 s leave room for a loaded machine.
     */
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final List<Replica> REPLICAS = UserServiceReplicas.REPLICAS;

    @Inject
    UserDirectoryClient users;

    @GrpcClient("users-round-robin")
    MutinyUserServiceStub roundRobin;


    /** Calls served by each replica while {@code work} ran. */
    private static Map<String, Integer> callsDuring(Runnable work) {
        var before = REPLICAS.stream().collect(Collectors.toMap(replica -> replica.name, replica -> replica.calls.get()));
        work.run();
        return REPLICAS.stream().collect(Collectors.toMap(replica -> replica.name,
                replica -> replica.calls.get() - before.get(replica.name)));
    }

    /** {@code count} lookups of one fresh user each, {@code concurrency} at a time, through the application's client. */
    private List<UserBatch> lookUp(int count, int concurrency) {
        return Multi.createFrom().range(0, count)
                .onItem().transformToUni(n -> users.getUsers(Set.of(UUID.randomUUID().toString())))
                .merge(concurrency)
                .collect().asList().await().atMost(PATIENCE);
    }

    private User getUser(MutinyUserServiceStub stub, String id) {
        return stub.getUser(GetUserRequest.newBuilder().setId(id).build()).await().atMost(PATIENCE);
    }

    /**
     * Waits until calls through {@code stub} have reached all three replicas: only instances whose connection is up
     * are offered to the balancer, so the first calls after start see fewer.
     */
    private static void warmUp(Supplier<Stream<User>> call) {
        var reached = new HashSet<String>();
        await("calls reaching every replica").atMost(PATIENCE).untilAsserted(() -> {
            call.get().forEach(user -> reached.add(user.getName()));
            assertThat(reached).as("replicas reached").containsExactlyInAnyOrderElementsOf(
                    REPLICAS.stream().map(replica -> replica.name).toList());
        });
    }

    @AfterEach
    void replicasUpAndFast() {
        REPLICAS.forEach(Replica::restore);
    }

    @BeforeEach
    void allConnectionsUp() {
        warmUp(() -> Stream.of(getUser(roundRobin, "warm-up")));
        warmUp(() -> lookUp(1, 1).stream().flatMap(batch -> batch.found().values().stream()));
    }

    @Test
    void round_robin_gives_each_replica_the_same_share() {
        var calls = callsDuring(() -> IntStream.range(0, 300).forEach(n -> getUser(roundRobin, "u-" + n)));

        assertThat(calls.values()).allSatisfy(count -> assertThat(count).isBetween(98, 102));
    }

    @Test
    void weighted_round_robin_splits_two_to_one_to_one() {
        var calls = callsDuring(() -> lookUp(400, 8));

        assertThat(calls.get("replica-1")).isBetween(196, 204);
        assertThat(calls.get("replica-2")).isBetween(98, 102);
        assertThat(calls.get("replica-3")).isBetween(98, 102);
    }

    @Test
    void a_slow_replica_is_cut_off_by_the_deadline_left_out_and_taken_back_once_it_is_fast_again() {
        var slow = REPLICAS.get(1);
        slow.delay = Duration.ofSeconds(3);
        int before = slow.calls.get();

        var answers = lookUp(60, 4);

        assertThat(answers).as("every lookup answered: the retry went to another replica").allMatch(UserBatch::known);
        assertThat(slow.calls.get() - before).as("tried until 3 failures in a row, then left out").isBetween(3, 6);

        slow.delay = Duration.ZERO;
        await().atMost(PATIENCE).untilAsserted(() -> {
            lookUp(20, 4);
            assertThat(slow.calls.get() - before).as("taken back after the ejection time").isGreaterThan(8);
        });
    }

    @Test
    void a_replica_killed_under_load_costs_no_failed_call_the_others_take_its_share_and_it_returns_once_restarted()
            throws Exception {
        var killed = REPLICAS.get(2);
        var load = Uni.createFrom().item(() -> lookUp(600, 8)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .subscribeAsCompletionStage();
        await().atMost(PATIENCE).until(() -> killed.calls.get() > 50);
        killed.stop();
        int servedByKilled = killed.calls.get();

        var answers = load.get();
        assertThat(answers).as("every lookup answered despite the kill (retried elsewhere)").allMatch(UserBatch::known);
        assertThat(killed.calls.get()).isEqualTo(servedByKilled);
        var afterKill = callsDuring(() -> lookUp(90, 4));
        assertThat(afterKill.get("replica-1")).as("the survivors keep their 2:1 ratio").isBetween(58, 62);
        assertThat(afterKill.get("replica-2")).isBetween(28, 32);

        // Started again at the same address: the connection to it closed with the kill, and it must be made again.
        killed.restore();
        int servedBeforeRestart = killed.calls.get();
        await("the restarted replica serving lookups again").atMost(PATIENCE).untilAsserted(() -> {
            lookUp(20, 4);
            assertThat(killed.calls.get() - servedBeforeRestart).as("lookups served by the restarted replica")
                    .isPositive();
        });
    }
}
