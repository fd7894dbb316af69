package io.shopflow.user;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.shopflow.events.EventCodec;
import io.shopflow.events.user.UserErased;
import io.shopflow.events.user.UserRegistered;
import io.shopflow.events.user.UserUpdated;
import io.shopflow.grpc.user.v1.DataKeyAnswer;
import io.shopflow.grpc.user.v1.GetDataKeysRequest;
import io.shopflow.grpc.user.v1.UserServiceGrpc.UserServiceBlockingStub;
import io.shopflow.personaldata.Opened;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * {@code DELETE /api/v1/users/{id}}: the row goes, the keys are destroyed, and every event the user's data travelled
 * in, read back from the real broker, opens as erased while its ids and amounts stay as they were.
 */
@QuarkusTest
class UserErasureTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    EventCodec codec;

    @GrpcClient("users")
    UserServiceBlockingStub users;

    @Test
    void an_erased_users_events_keep_their_facts_and_their_personal_fields_open_as_erased() {
        String email = UserRestApiTest.uniqueEmail();
        String id = UserRestApiTest.register(UserRestApiTest.newUser(email));
        given().contentType(ContentType.JSON).body(Map.of("address", "Paris"))
                .when().patch("/api/v1/users/" + id).then().statusCode(200);

        given().when().delete("/api/v1/users/" + id).then().statusCode(204);

        var events = UserTopic.eventsOf(bootstrapServers, id, 3).stream().map(codec::decode).toList();
        assertThat(events).hasSize(3);
        var registered = (UserRegistered) events.get(0);
        var moved = (UserUpdated) events.get(1);
        assertThat(events.get(2)).isEqualTo(new UserErased(id));
        assertThat(SealedFields.open(users, id, registered.email())).isEqualTo(new Opened.Erased());
        assertThat(SealedFields.open(users, id, registered.name()).textOrErased()).isEqualTo(Opened.ERASED);
        assertThat(SealedFields.open(users, id, moved.address())).isEqualTo(new Opened.Erased());
        assertThat(moved.version()).isEqualTo(2);
    }

    @Test
    void an_erased_user_is_gone_erasing_them_again_succeeds_and_their_email_is_free_again() {
        String email = UserRestApiTest.uniqueEmail();
        String id = UserRestApiTest.register(UserRestApiTest.newUser(email));

        given().when().delete("/api/v1/users/" + id).then().statusCode(204);

        given().when().get("/api/v1/users/" + id).then().statusCode(404);
        given().when().delete("/api/v1/users/" + id).then().statusCode(204);
        given().contentType(ContentType.JSON).body(Map.of("address", "Paris"))
                .when().patch("/api/v1/users/" + id).then().statusCode(404);
        assertThat(UserRestApiTest.register(UserRestApiTest.newUser(email))).isNotEqualTo(id);
    }

    @Test
    void erasing_nobody_is_not_found_and_a_malformed_id_is_refused() {
        given().when().delete("/api/v1/users/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        given().when().delete("/api/v1/users/not-a-uuid").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void data_keys_are_answered_found_destroyed_or_unknown_and_a_malformed_key_id_is_invalid() {
        String kept = UserRestApiTest.register(UserRestApiTest.newUser(UserRestApiTest.uniqueEmail()));
        String erased = UserRestApiTest.register(UserRestApiTest.newUser(UserRestApiTest.uniqueEmail()));
        given().when().delete("/api/v1/users/" + erased).then().statusCode(204);

        var answers = users.getDataKeys(GetDataKeysRequest.newBuilder()
                .addKeyIds(kept + "/1").addKeyIds(erased + "/1").addKeyIds(kept + "/9").build()).getKeysList();

        assertThat(answers).extracting(DataKeyAnswer::getKeyId).containsExactly(kept + "/1", erased + "/1", kept + "/9");
        assertThat(answers.get(0).getKey().size()).isEqualTo(32);
        assertThat(answers.get(1).getDestroyed()).isTrue();
        assertThat(answers.get(2).getUnknown()).isTrue();
        assertThatThrownBy(() -> users.getDataKeys(GetDataKeysRequest.newBuilder().addKeyIds(kept).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }
}
