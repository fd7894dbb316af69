package io.shopflow.user;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.shopflow.grpc.user.v1.CreateUserRequest;
import io.shopflow.grpc.user.v1.GetUserRequest;
import io.shopflow.grpc.user.v1.UserServiceGrpc.UserServiceBlockingStub;
import io.shopflow.infra.testing.DatabaseOutage;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * While the database refuses connections (as during a restart), callers are told to come back: 503 with a
 * Retry-After over REST, UNAVAILABLE over gRPC; never a 500 or INTERNAL, which say the request itself broke something.
 */
@QuarkusTest
class DatabaseOutageTest {

    @GrpcClient("users")
    UserServiceBlockingStub users;

    @Inject
    Pool pool;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void callers_are_told_to_try_again_later_while_the_database_is_unreachable() {
        var user = users.createUser(CreateUserRequest.newBuilder().setName("Edsger Dijkstra")
                .setEmail(UserRestApiTest.uniqueEmail()).setAddress("Nuenen").build());
        String database = pool.query("SELECT current_database()").execute().await().indefinitely()
                .iterator().next().getString(0);

        try (var outage = DatabaseOutage.begin(database)) {
            given().when().get("/api/v1/users/" + user.getId()).then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "5")
                    .body("type", equalTo("urn:shopflow:problem:unavailable"));
            assertThatThrownBy(() -> users.getUser(GetUserRequest.newBuilder().setId(user.getId()).build()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            failure -> assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        }

        given().when().get("/api/v1/users/" + user.getId()).then().statusCode(200);
        // The pools find the connections the outage ended as they next use them, readiness included: the service
        // is left ready, as the classes after this one expect to find it.
        await().atMost(Duration.ofSeconds(30)).until(() -> given().baseUri("http://" + management.getHost())
                .port(management.getPort()).when().get("/q/health/ready").statusCode() == 200);
    }
}
