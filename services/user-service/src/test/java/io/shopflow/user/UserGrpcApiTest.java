package io.shopflow.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.shopflow.grpc.user.v1.CreateUserRequest;
import io.shopflow.grpc.user.v1.GetUserRequest;
import io.shopflow.grpc.user.v1.GetUsersRequest;
import io.shopflow.grpc.user.v1.UpdateUserRequest;
import io.shopflow.grpc.user.v1.User;
import io.shopflow.grpc.user.v1.UserServiceGrpc.UserServiceBlockingStub;
import java.util.UUID;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The gRPC API over a real channel to the running service (not an in-process call). */
@QuarkusTest
class UserGrpcApiTest {

    @GrpcClient("users")
    UserServiceBlockingStub users;

    private static CreateUserRequest newUser(String email) {
        return CreateUserRequest.newBuilder().setName("Alan Turing").setEmail(email).setAddress("Wilmslow").build();
    }

    private User create() {
        return users.createUser(newUser(UserRestApiTest.uniqueEmail()));
    }

    private static void assertStatus(ThrowingCallable call, Status.Code code, String... descriptionParts) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(code);
                    assertThat(e.getStatus().getDescription()).contains(descriptionParts);
                });
    }

    @Test
    void creates_and_gets_a_user() {
        User created = users.createUser(newUser("alan-" + UUID.randomUUID() + "@example.com").toBuilder()
                .setInitialCredit("12.50").build());

        User read = users.getUser(GetUserRequest.newBuilder().setId(created.getId()).build());

        assertThat(read).isEqualTo(created);
        assertThat(read.getCredit()).isEqualTo("12.50");
        assertThat(read.getVersion()).isEqualTo(1);
        assertThat(read.getCreatedAt().getSeconds()).isPositive();
    }

    @Test
    void a_user_created_over_grpc_is_the_same_over_rest() {
        User created = create();
        io.restassured.RestAssured.given().when().get("/api/v1/users/" + created.getId())
                .then().statusCode(200)
                .body("email", org.hamcrest.Matchers.equalTo(created.getEmail()));
    }

    @Test
    void batch_get_returns_found_users_and_names_the_missing_ones() {
        User first = create();
        User second = create();
        String missing = UUID.randomUUID().toString();

        var response = users.getUsers(GetUsersRequest.newBuilder()
                .addIds(first.getId()).addIds(second.getId()).addIds(missing).addIds(first.getId()).build());

        assertThat(response.getUsersList()).extracting(User::getId)
                .containsExactlyInAnyOrder(first.getId(), second.getId());
        assertThat(response.getMissingIdsList()).containsExactly(missing);
    }

    @Test
    void an_empty_batch_is_an_empty_answer() {
        var response = users.getUsers(GetUsersRequest.getDefaultInstance());
        assertThat(response.getUsersCount()).isZero();
        assertThat(response.getMissingIdsCount()).isZero();
    }

    @Test
    void update_changes_only_the_fields_that_are_set() {
        User created = create();

        User updated = users.updateUser(UpdateUserRequest.newBuilder().setId(created.getId()).setName("A. M. Turing")
                .build());

        assertThat(updated.getName()).isEqualTo("A. M. Turing");
        assertThat(updated.getEmail()).isEqualTo(created.getEmail());
        assertThat(updated.getAddress()).isEqualTo(created.getAddress());
        assertThat(updated.getVersion()).isEqualTo(2);
    }

    @Test
    void unknown_user_is_not_found() {
        String id = UUID.randomUUID().toString();
        assertStatus(() -> users.getUser(GetUserRequest.newBuilder().setId(id).build()), Status.Code.NOT_FOUND, id);
        assertStatus(() -> users.updateUser(UpdateUserRequest.newBuilder().setId(id).setName("x").build()),
                Status.Code.NOT_FOUND, id);
    }

    @Test
    void an_id_that_is_not_a_uuid_is_an_invalid_argument() {
        assertStatus(() -> users.getUser(GetUserRequest.newBuilder().setId("42").build()),
                Status.Code.INVALID_ARGUMENT, "'42'");
        // UUID.fromString would read it as 00000001-0001-0001-0001-000000000001: refused, not taken for that id.
        assertStatus(() -> users.getUser(GetUserRequest.newBuilder().setId("1-1-1-1-1").build()),
                Status.Code.INVALID_ARGUMENT, "'1-1-1-1-1'");
        assertStatus(() -> users.getUsers(GetUsersRequest.newBuilder().addIds(UUID.randomUUID().toString())
                .addIds("nope").build()), Status.Code.INVALID_ARGUMENT, "ids[1]: 'nope'");
    }

    @Test
    void invalid_fields_are_listed_in_the_status() {
        var request = CreateUserRequest.newBuilder().setName(" ").setEmail("not-an-email").build();
        assertStatus(() -> users.createUser(request), Status.Code.INVALID_ARGUMENT, "name:", "email:", "address:");
    }

    @Test
    void an_update_is_validated_like_a_creation() {
        User created = create();
        assertStatus(() -> users.updateUser(UpdateUserRequest.newBuilder().setId(created.getId()).setEmail("bad")
                .build()), Status.Code.INVALID_ARGUMENT, "email:");
    }

    @Test
    void a_credit_that_is_not_a_number_is_an_invalid_argument() {
        var request = newUser(UserRestApiTest.uniqueEmail()).toBuilder().setInitialCredit("ten").build();
        assertStatus(() -> users.createUser(request), Status.Code.INVALID_ARGUMENT, "initial_credit");
    }

    /** Bean validation names the domain's initialCredit; the caller's .proto spells it initial_credit. */
    @Test
    void an_invalid_credit_is_named_as_the_proto_spells_it() {
        var request = newUser(UserRestApiTest.uniqueEmail()).toBuilder().setInitialCredit("-5.00").build();
        assertStatus(() -> users.createUser(request), Status.Code.INVALID_ARGUMENT, "initial_credit: ");
    }

    @Test
    void a_nul_character_in_any_field_is_an_invalid_argument_naming_it() {
        assertStatus(() -> users.createUser(newUser(UserRestApiTest.uniqueEmail()).toBuilder().setName("Al\u0000an")
                .build()), Status.Code.INVALID_ARGUMENT, "name: must not hold a NUL character");
        assertStatus(() -> users.getUsers(GetUsersRequest.newBuilder().addIds(UUID.randomUUID().toString())
                .addIds("\u0000").build()), Status.Code.INVALID_ARGUMENT, "ids[1]:");
    }

    @Test
    void a_taken_email_already_exists() {
        User created = create();
        assertStatus(() -> users.createUser(newUser(created.getEmail())), Status.Code.ALREADY_EXISTS,
                created.getEmail());
    }

    @Test
    void an_oversized_batch_is_refused() {
        var request = GetUsersRequest.newBuilder();
        IntStream.range(0, 501).forEach(i -> request.addIds(UUID.randomUUID().toString()));
        assertStatus(() -> users.getUsers(request.build()), Status.Code.INVALID_ARGUMENT, "at most 500");
    }
}
