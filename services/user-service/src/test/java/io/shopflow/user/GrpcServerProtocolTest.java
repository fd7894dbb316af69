package io.shopflow.user;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import grpc.health.v1.HealthGrpc.HealthBlockingStub;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import grpc.reflection.v1alpha.Reflection.ServerReflectionRequest;
import grpc.reflection.v1alpha.Reflection.ServerReflectionResponse;
import grpc.reflection.v1alpha.Reflection.ServiceResponse;
import grpc.reflection.v1alpha.ServerReflectionGrpc;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.shopflow.events.testing.LeakedScopes;
import io.shopflow.grpc.user.v1.CreateUserRequest;
import io.shopflow.grpc.user.v1.GetUserRequest;
import io.shopflow.grpc.user.v1.User;
import io.shopflow.grpc.user.v1.UserServiceGrpc;
import io.shopflow.grpc.user.v1.UserServiceGrpc.UserServiceBlockingStub;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What any gRPC client (grpcurl, grpc-js with reflection, a Kubernetes gRPC probe) gets from the service's gRPC
 * server by the protocol: health, reflection, and UNIMPLEMENTED for what is not there.
 */
@QuarkusTest
class GrpcServerProtocolTest {

    @GrpcClient("users")
    UserServiceBlockingStub users;

    @GrpcClient("users")
    HealthBlockingStub health;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void health_answers_for_the_server_and_for_each_service_it_serves() {
        assertThat(health.check(HealthCheckRequest.newBuilder().setService("").build()).getStatus())
                .isEqualTo(ServingStatus.SERVING);
        assertThat(health.check(HealthCheckRequest.newBuilder()
                .setService(UserServiceGrpc.SERVICE_NAME).build()).getStatus()).isEqualTo(ServingStatus.SERVING);
    }

    @Test
    void health_of_an_unknown_service_is_not_found() {
        assertThatThrownBy(() -> health.check(HealthCheckRequest.newBuilder().setService("shopflow.nope.v1.Nope").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    @Test
    void reflection_lists_the_user_service() throws Exception {
        var answer = new CompletableFuture<ServerReflectionResponse>();
        var requests = ServerReflectionGrpc.newStub(users.getChannel()).serverReflectionInfo(new StreamObserver<>() {
            @Override
            public void onNext(ServerReflectionResponse response) {
                answer.complete(response);
            }

            @Override
            public void onError(Throwable failure) {
                answer.completeExceptionally(failure);
            }

            @Override
            public void onCompleted() {
            }
        });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        requests.onCompleted();

        assertThat(answer.get(10, TimeUnit.SECONDS).getListServicesResponse().getServiceList())
                .extracting(ServiceResponse::getName).contains(UserServiceGrpc.SERVICE_NAME, "grpc.health.v1.Health");
    }

    @Test
    void an_unknown_method_or_service_is_unimplemented_and_makes_no_metric_series() {
        assertThat(callUnknown(users.getChannel(), UserServiceGrpc.SERVICE_NAME + "/NoSuchMethod"))
                .isEqualTo(Status.Code.UNIMPLEMENTED);
        assertThat(callUnknown(users.getChannel(), "shopflow.nope.v1.NoSuchService/Get"))
                .isEqualTo(Status.Code.UNIMPLEMENTED);

        String metrics = given().baseUri("http://" + management.getHost()).port(management.getPort()).get("/q/metrics")
                .then().statusCode(200).extract().asString();
        // The server's series only: this test's own client counts its calls too.
        assertThat(metrics.lines().filter(line -> line.startsWith("grpc_server") || line.startsWith("http_server")))
                .noneMatch(line -> line.contains("NoSuchMethod") || line.contains("NoSuchService"));
    }

    /**
     * Issue 24, item 6: serving calls leaves no OpenTelemetry scope open. Vert.x' gRPC server on the HTTP port had
     * Quarkus' context storage report one for every call served (then silenced in this service's configuration).
     */
    @Test
    void serving_calls_leaves_no_tracing_scope_open() throws Exception {
        var user = users.createUser(CreateUserRequest.newBuilder().setName("Barbara Liskov")
                .setEmail(UserRestApiTest.uniqueEmail()).setAddress("Boston").build());
        var pool = Executors.newFixedThreadPool(4);
        try (var scopes = LeakedScopes.listen()) {
            var calls = new ArrayList<Future<User>>();
            for (int n = 0; n < 40; n++) {
                calls.add(pool.submit(() -> users.getUser(GetUserRequest.newBuilder().setId(user.getId()).build())));
            }
            for (var call : calls) {
                assertThat(call.get().getId()).isEqualTo(user.getId());
            }
            assertThat(scopes.reports()).as("scopes closed out of order while serving 40 calls").isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    private static Status.Code callUnknown(Channel channel, String fullMethodName) {
        var bytes = new MethodDescriptor.Marshaller<byte[]>() {
            @Override
            public InputStream stream(byte[] value) {
                return new ByteArrayInputStream(value);
            }

            @Override
            public byte[] parse(InputStream stream) {
                return new byte[0];
            }
        };
        var method = MethodDescriptor.<byte[], byte[]>newBuilder().setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(fullMethodName).setRequestMarshaller(bytes).setResponseMarshaller(bytes).build();
        try {
            ClientCalls.blockingUnaryCall(channel, method, CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS),
                    new byte[0]);
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }
}
