package io.shopflow.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.shopflow.events.testing.GrpcFuzzer;
import io.shopflow.grpc.user.v1.CreateUserRequest;
import io.shopflow.grpc.user.v1.GetDataKeysRequest;
import io.shopflow.grpc.user.v1.GetUserRequest;
import io.shopflow.grpc.user.v1.GetUsersRequest;
import io.shopflow.grpc.user.v1.UpdateUserRequest;
import io.shopflow.grpc.user.v1.UserServiceGrpc;
import io.shopflow.grpc.user.v1.UserServiceGrpc.UserServiceBlockingStub;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gRPC API under {@link GrpcFuzzer}'s bad calls: clear statuses, nothing leaked, nothing written but what was accepted. */
@QuarkusTest
class UserGrpcFuzzTest {

    @GrpcClient("users")
    UserServiceBlockingStub users;

    @Inject
    Pool pool;

    @Test
    void bad_calls_get_clear_statuses_that_leak_nothing_and_write_nothing() {
        var user = users.createUser(CreateUserRequest.newBuilder().setName("Grace Hopper")
                .setEmail(UserRestApiTest.uniqueEmail()).setAddress("Arlington").build());
        long usersBefore = count("SELECT count(*) FROM users");
        long versionsBefore = count("SELECT sum(version) FROM users");

        var report = new GrpcFuzzer(GrpcFuzzer.SEED, users.getChannel(), UserServiceGrpc.getServiceDescriptor(), Map.of(
                "GetUser", GetUserRequest.newBuilder().setId(user.getId()).build(),
                "GetUsers", GetUsersRequest.newBuilder().addIds(user.getId()).build(),
                "CreateUser", CreateUserRequest.newBuilder().setName("Ada").setEmail(UserRestApiTest.uniqueEmail())
                        .setAddress("London").setInitialCredit("10.00").build(),
                "UpdateUser", UpdateUserRequest.newBuilder().setId(user.getId()).setAddress("Washington").build(),
                "GetDataKeys", GetDataKeysRequest.newBuilder().addKeyIds(user.getId() + "/1").build()))
                .run(GrpcFuzzer.CASES);
        System.out.printf("%nFuzzing UserService over gRPC (seed %d):%n%s%n", GrpcFuzzer.SEED, report);

        assertThat(report.problems()).as("answers that break the rules (seed %d)", GrpcFuzzer.SEED).isEmpty();
        long created = report.accepted("CreateUser");
        assertThat(count("SELECT count(*) FROM users")).as("users written").isEqualTo(usersBefore + created);
        assertThat(count("SELECT sum(version) FROM users")).as("versions: one per user created, at most one per update")
                .isBetween(versionsBefore + created, versionsBefore + created + report.accepted("UpdateUser"));
    }

    private long count(String query) {
        return pool.query(query).execute().await().indefinitely().iterator().next().getLong(0);
    }
}
