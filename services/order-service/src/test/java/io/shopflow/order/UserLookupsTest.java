package io.shopflow.order;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.shopflow.events.testing.KafkaEvents;
import io.shopflow.order.client.UserLookup;
import io.shopflow.order.client.UserLookups;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * User lookups against a real gRPC server (the stand-in user-service on the test port): coalescing, the cache
 * kept fresh by UserUpdated events from the real Kafka broker, and the fault-tolerance policy.
 */
@QuarkusTest
class UserLookupsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final String BREAKER_STATE =
            "ft_circuitbreaker_state_current{method=\"io.shopflow.order.client.UserDirectoryClient.getUsers\",";

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Inject
    UserLookups lookups;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    CircuitBreakerMaintenance breakers;

    /** No test inherits another's (or another class's) failures counted by the breaker. */
    @BeforeEach
    void closedBreaker() {
        breakers.resetAll();
    }

    @AfterEach
    void healthyAgain() {
        StandInUserService.FAILING_WITH.set(null);
        breakers.resetAll();
    }

    private UserLookup find(String userId) {
        return lookups.find(userId).await().atMost(PATIENCE);
    }

    @Test
    void a_hundred_concurrent_lookups_go_out_as_a_handful_of_batch_calls_with_the_same_answers() {
        var users = IntStream.range(0, 100).mapToObj(n -> StandInUserService.registerUser()).toList();
        int batchesBefore = StandInUserService.BATCHES.size();

        var answers = Uni.join().all(users.stream().map(lookups::find).toList()).andFailFast().await().atMost(PATIENCE);

        assertThat(answers).extracting(answer -> ((UserLookup.Found) answer).user().getId())
                .containsExactlyElementsOf(users);
        var batches = StandInUserService.BATCHES.subList(batchesBefore, StandInUserService.BATCHES.size());
        assertThat(batches).hasSizeBetween(1, 5);
        assertThat(batches.stream().flatMap(List::stream)).containsExactlyInAnyOrderElementsOf(users);
    }

    @Test
    void a_cached_user_is_not_asked_for_again_and_an_unknown_or_malformed_id_is_missing() {
        var user = StandInUserService.registerUser();
        assertThat(find(user)).isInstanceOf(UserLookup.Found.class);
        int batchesBefore = StandInUserService.BATCHES.size();

        assertThat(find(user)).isInstanceOf(UserLookup.Found.class);
        assertThat(StandInUserService.BATCHES.size()).isEqualTo(batchesBefore);
        assertThat(find(UUID.randomUUID().toString())).isInstanceOf(UserLookup.Missing.class);
        assertThat(find("not-a-uuid")).isInstanceOf(UserLookup.Missing.class);
        assertThat(find("1-1-1-1-1")).as("no id, though UUID.fromString reads one").isInstanceOf(UserLookup.Missing.class);
        assertThat(StandInUserService.BATCHES.size()).as("only the unknown UUID was asked for").isEqualTo(batchesBefore + 1);
    }

    @Test
    void an_update_is_seen_when_its_event_arrives_not_when_the_cache_expires_and_nothing_personal_is_kept() {
        var user = StandInUserService.registerUser();
        assertThat(find(user)).isInstanceOfSatisfying(UserLookup.Found.class, found -> {
            assertThat(found.user().getVersion()).isEqualTo(1);
            assertThat(found.user().getName()).as("user-service's answer, its name not kept").isEmpty();
        });

        try (var events = new KafkaEvents(bootstrapServers)) {
            events.publish(UserEvents.updated(user, 2), "user-update-" + user);
        }

        // The stand-in still answers version 1, and the cache keeps users for 5 minutes: only the event can do it.
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(find(user)).isInstanceOfSatisfying(
                UserLookup.Found.class, found -> {
                    assertThat(found.user().getVersion()).isEqualTo(2);
                    assertThat(found.user().getName() + found.user().getEmail() + found.user().getAddress())
                            .as("the event's sealed fields are not opened here").isEmpty();
                }));
    }

    @Test
    void an_erased_user_leaves_the_cache_when_the_erasure_arrives() {
        var user = StandInUserService.registerUser();
        assertThat(find(user)).isInstanceOf(UserLookup.Found.class);

        try (var events = new KafkaEvents(bootstrapServers)) {
            events.publish(UserEvents.erased(user), "user-erased-" + user);
        }

        // Cached, a lookup asks user-service nothing; once the erasure has dropped the user, it asks again.
        await().atMost(PATIENCE).untilAsserted(() -> {
            int before = StandInUserService.BATCHES.size();
            find(user);
            assertThat(StandInUserService.BATCHES.size()).isGreaterThan(before);
        });
    }

    @Test
    void unavailability_is_retried_twice_then_answered_unknown_and_an_invalid_argument_is_not_retried() {
        StandInUserService.FAILING_WITH.set(Status.UNAVAILABLE);
        int before = StandInUserService.BATCHES.size();
        assertThat(find(UUID.randomUUID().toString())).isInstanceOf(UserLookup.Unknown.class);
        assertThat(StandInUserService.BATCHES.size() - before).as("the first call and two retries").isEqualTo(3);
        assertThat(metrics()).containsPattern(
                "ft_retry_retries_total\\{method=\"io.shopflow.order.client.UserDirectoryClient.getUsers\"} [1-9]");

        StandInUserService.FAILING_WITH.set(Status.INVALID_ARGUMENT);
        before = StandInUserService.BATCHES.size();
        assertThat(find(UUID.randomUUID().toString())).isInstanceOf(UserLookup.Unknown.class);
        assertThat(StandInUserService.BATCHES.size() - before).as("an answer, not retried").isEqualTo(1);
    }

    @Test
    void the_breaker_opens_when_the_failure_ratio_is_reached_rejects_fast_while_open_then_half_opens_and_closes() {
        StandInUserService.FAILING_WITH.set(Status.UNAVAILABLE);
        // 20 calls fail (each after its retries), which is the request volume the breaker judges on.
        for (int n = 0; n < 7; n++) {
            assertThat(find(UUID.randomUUID().toString())).isInstanceOf(UserLookup.Unknown.class);
        }
        int whileOpen = StandInUserService.BATCHES.size();
        var rejected = find(UUID.randomUUID().toString());
        assertThat(rejected).isInstanceOfSatisfying(UserLookup.Unknown.class,
                unknown -> assertThat(unknown.reason()).contains("CircuitBreakerOpenException"));
        assertThat(StandInUserService.BATCHES.size()).as("rejected without a call").isEqualTo(whileOpen);
        assertThat(metrics()).contains(BREAKER_STATE + "state=\"open\"} 1.0");

        StandInUserService.FAILING_WITH.set(null);
        var user = StandInUserService.registerUser();
        // After its delay (1 s in tests) the breaker lets trial calls through; two successes close it.
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(find(user)).isInstanceOf(UserLookup.Found.class));
        assertThat(find(StandInUserService.registerUser())).isInstanceOf(UserLookup.Found.class);
        assertThat(metrics()).contains(BREAKER_STATE + "state=\"closed\"} 1.0");
    }

    private String metrics() {
        // By host and port: the injected URL ends in the management root path (/q/).
        return given().baseUri("http://" + management.getHost()).port(management.getPort()).when().get("/q/metrics")
                .then().statusCode(200).extract().asString();
    }
}
