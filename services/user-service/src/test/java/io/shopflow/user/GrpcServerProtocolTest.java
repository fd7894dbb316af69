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
import io.shopflow.grpc.user.v1.UserServiceGrpc;
import io.shopflow.grpc.user.v1.UserServiceGrpc.UserServiceBlockingStub;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URL;
import java.util.concurrent.CompletableFuture;
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

        String metrics = given().baseUri(management.toString()).get("q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).doesNotContain("NoSuchMethod", "NoSuchService");
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
