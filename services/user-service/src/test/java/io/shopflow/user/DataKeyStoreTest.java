package io.shopflow.user;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.shopflow.events.DomainEvent;
import io.shopflow.events.EventCodec;
import io.shopflow.events.user.UserRegistered;
import io.shopflow.events.user.UserUpdated;
import io.shopflow.grpc.user.v1.GetDataKeysRequest;
import io.shopflow.grpc.user.v1.UserServiceGrpc.UserServiceBlockingStub;
import io.shopflow.personaldata.PersonalData;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The data_keys table as the service keeps it: wrapped keys, a version per rotation, nothing re-encrypted. */
@QuarkusTest
class DataKeyStoreTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    EventCodec codec;

    @Inject
    Pool pool;

    @GrpcClient("users")
    UserServiceBlockingStub users;

    private List<DomainEvent> eventsOf(String id, int count) {
        return UserTopic.eventsOf(bootstrapServers, id, count).stream().map(codec::decode).toList();
    }

    private void sql(String statement, String userId) {
        pool.preparedQuery(statement).execute(Tuple.of(UUID.fromString(userId))).await().indefinitely();
    }

    private static void rename(String id, String name) {
        given().contentType(ContentType.JSON).body(Map.of("name", name))
                .when().patch("/api/v1/users/" + id).then().statusCode(200);
    }

    @Test
    void a_key_past_its_rotation_period_gives_way_to_a_new_version_and_the_old_one_still_opens_what_it_sealed() {
        String id = UserRestApiTest.register(UserRestApiTest.newUser(UserRestApiTest.uniqueEmail()));
        sql("UPDATE data_keys SET created_at = now() - interval '91 days' WHERE subject = $1", id);

        rename(id, "Ada King");

        var events = eventsOf(id, 2);
        var registered = (UserRegistered) events.get(0);
        var renamed = (UserUpdated) events.get(1);
        var subject = UUID.fromString(id);
        assertThat(PersonalData.keyOf(subject, registered.name().sealed()).version()).isEqualTo(1);
        assertThat(PersonalData.keyOf(subject, renamed.name().sealed()).version()).isEqualTo(2);
        assertThat(SealedFields.open(users, id, registered.name()).textOrErased()).isEqualTo("Ada Lovelace");
        assertThat(SealedFields.open(users, id, renamed.name()).textOrErased()).isEqualTo("Ada King");
    }

    @Test
    void the_table_holds_a_key_only_wrapped_by_the_key_encryption_key() {
        String id = UserRestApiTest.register(UserRestApiTest.newUser(UserRestApiTest.uniqueEmail()));
        byte[] key = users.getDataKeys(GetDataKeysRequest.newBuilder().addKeyIds(id + "/1").build())
                .getKeys(0).getKey().toByteArray();

        String wrapped = pool.preparedQuery("SELECT wrapped FROM data_keys WHERE subject = $1")
                .execute(Tuple.of(UUID.fromString(id))).await().indefinitely().iterator().next().getString(0);

        assertThat(wrapped).doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(key))
                .doesNotContain(Base64.getEncoder().withoutPadding().encodeToString(key));
        var header = new String(Base64.getUrlDecoder().decode(wrapped.substring(0, wrapped.indexOf('.'))));
        assertThat(header).contains("\"alg\":\"A256KW\"").contains("\"kid\":\"development\"");
    }

    @Test
    void a_key_id_not_written_as_the_service_writes_it_is_refused_not_read_as_that_key() {
        String id = UserRestApiTest.register(UserRestApiTest.newUser(UserRestApiTest.uniqueEmail()));

        for (String keyId : List.of(id + "/01", id + "/+1", "1-1-1-1-1/1")) {
            assertThatThrownBy(() -> users.getDataKeys(GetDataKeysRequest.newBuilder().addKeyIds(keyId).build()))
                    .as(keyId).isInstanceOfSatisfying(StatusRuntimeException.class, refused ->
                            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
        }
        assertThat(users.getDataKeys(GetDataKeysRequest.newBuilder().addKeyIds(id + "/1").build()).getKeys(0)
                .getKey().isEmpty()).isFalse();
    }

    @Test
    void a_user_without_a_key_registered_before_sealing_gets_a_first_one_on_their_next_change() {
        String id = UserRestApiTest.register(UserRestApiTest.newUser(UserRestApiTest.uniqueEmail()));
        eventsOf(id, 1);
        sql("DELETE FROM data_keys WHERE subject = $1", id);

        rename(id, "Ada King");

        var renamed = (UserUpdated) eventsOf(id, 2).get(1);
        assertThat(PersonalData.keyOf(UUID.fromString(id), renamed.name().sealed()).version()).isEqualTo(1);
        assertThat(SealedFields.open(users, id, renamed.name()).textOrErased()).isEqualTo("Ada King");
    }
}
