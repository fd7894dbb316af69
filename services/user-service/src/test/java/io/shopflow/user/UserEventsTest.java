package io.shopflow.user;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.shopflow.events.EventCodec;
import io.shopflow.events.EventEnvelope;
import io.shopflow.events.user.UserRegistered;
import io.shopflow.events.user.UserUpdated;
import io.shopflow.grpc.user.v1.UserServiceGrpc.UserServiceBlockingStub;
import io.shopflow.personaldata.Opened;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Every user change reaches Kafka through the outbox and the relay running in the service: read back from the
 * real broker with a plain consumer, as another team's service would.
 */
@QuarkusTest
class UserEventsTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    EventCodec codec;

    @GrpcClient("users")
    UserServiceBlockingStub users;

    private List<EventEnvelope> eventsOf(String userId, int count) {
        return UserTopic.eventsOf(bootstrapServers, userId, count);
    }

    @Test
    void registration_and_changes_are_published_in_order_keyed_by_the_user() {
        String email = UserRestApiTest.uniqueEmail();
        String id = UserRestApiTest.register(UserRestApiTest.newUser(email));
        given().contentType(ContentType.JSON).body(Map.of("amount", 40))
                .when().patch("/api/v1/users/" + id + "/credit").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("address", "Paris"))
                .when().patch("/api/v1/users/" + id).then().statusCode(200);

        var events = eventsOf(id, 3);

        assertThat(events).extracting(EventEnvelope::ceType)
                .containsExactly("UserRegistered.v2", "UserUpdated.v2", "UserUpdated.v2");
        assertThat(events).allSatisfy(event -> {
            assertThat(event.source()).isEqualTo("//shopflow/user-service");
            assertThat(event.aggregateId()).isEqualTo(id);
        });
        var registered = (UserRegistered) codec.decode(events.get(0));
        assertThat(registered.userId()).isEqualTo(id);
        assertThat(SealedFields.open(users, id, registered.name())).isEqualTo(new Opened.Clear("Ada Lovelace"));
        assertThat(SealedFields.open(users, id, registered.email())).isEqualTo(new Opened.Clear(email));
        assertThat(SealedFields.open(users, id, registered.address()).textOrErased())
                .isEqualTo("12 St James's Square, London");
        var credited = (UserUpdated) codec.decode(events.get(1));
        assertThat(credited.credit()).isEqualByComparingTo(new BigDecimal("40"));
        assertThat(credited.version()).isEqualTo(2);
        var moved = (UserUpdated) codec.decode(events.get(2));
        assertThat(SealedFields.open(users, id, moved.address()).textOrErased()).isEqualTo("Paris");
        assertThat(moved.version()).isEqualTo(3);
    }

    @Test
    void an_event_continues_the_trace_of_the_request_that_caused_it() {
        String callerTrace = "0af7651916cd43dd8448eb211c80319c";
        String id = given().contentType(ContentType.JSON)
                .header("traceparent", "00-" + callerTrace + "-b7ad6b7169203331-01")
                .body(UserRestApiTest.newUser(UserRestApiTest.uniqueEmail()))
                .when().post("/api/v1/users").then().statusCode(201).extract().path("id");

        var registered = eventsOf(id, 1).get(0);

        assertThat(registered.traceparent()).as("the request's trace, a span of this service")
                .startsWith("00-" + callerTrace + "-").doesNotContain("b7ad6b7169203331");
    }

    @Test
    void a_refused_change_publishes_nothing() {
        String id = UserRestApiTest.register(UserRestApiTest.newUser(UserRestApiTest.uniqueEmail()));
        given().contentType(ContentType.JSON).body(Map.of("amount", -1))
                .when().patch("/api/v1/users/" + id + "/credit").then().statusCode(409);
        // Published after the refusal: once it arrives, an event of the refused change would have too.
        given().contentType(ContentType.JSON).body(Map.of("amount", 5))
                .when().patch("/api/v1/users/" + id + "/credit").then().statusCode(200);

        var events = eventsOf(id, 2);

        assertThat(events).hasSize(2);
        assertThat(((UserUpdated) codec.decode(events.get(1))).credit()).isEqualByComparingTo(new BigDecimal("5"));
    }
}
