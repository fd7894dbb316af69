package io.shopflow.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.shopflow.grpc.user.v1.GetUserRequest;
import io.shopflow.grpc.user.v1.User;
import io.shopflow.grpc.user.v1.UserServiceGrpc;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reset limit of the gRPC server (InternalGrpcServer) is raised for callers between services, not lifted: a
 * rapid-reset flood (CVE-2023-44487) still gets its connection closed. With a limit scaled down for the test (100 in
 * a minute, from the same settings), so that a flood this machine can send surely passes it.
 */
@QuarkusTest
@TestProfile(ResetFloodTest.SmallLimit.class)
class ResetFloodTest {

    /** The same limit, scaled down. */
    public static class SmallLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("shopflow.grpc.server.max-resets", "100", "shopflow.grpc.server.reset-window", "60s");
        }
    }

    private static final int BURST = 50;

    @ConfigProperty(name = "quarkus.grpc.clients.users.port")
    int port;

    private ManagedChannel channel;

    @AfterEach
    void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void a_flood_of_resets_past_the_limit_closes_the_connection() {
        channel = NettyChannelBuilder.forAddress("localhost", port).usePlaintext().build();
        var held = UserServiceGrpc.newFutureStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(CutOffCallsTest.holdFor(60_000)));
        GetUserRequest anyone = GetUserRequest.newBuilder().setId(UUID.randomUUID().toString()).build();
        ListenableFuture<User> inFlight = held.withDeadlineAfter(90, TimeUnit.SECONDS).getUser(anyone);

        // Bursts of calls, each burst received by the server (so each call is a stream there) and then cancelled at
        // once, a RST_STREAM each: three times the limit in all.
        for (int burst = 0; burst < 6 && !inFlight.isDone(); burst++) {
            int heldBefore = HeldAnswers.HELD.get();
            var calls = IntStream.range(0, BURST).mapToObj(n -> held.getUser(anyone)).toList();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> HeldAnswers.HELD.get() - heldBefore >= BURST || inFlight.isDone());
            calls.forEach(call -> call.cancel(true));
        }

        // The server's GOAWAY names the reason, and the held call's status carries it. But the server closes the
        // connection while the flood's frames are still arriving: a socket closed with unread input is reset, and
        // the reset can overtake the GOAWAY before the client reads it. Then the call fails as grpc-java reports a
        // connection reset ("io exception"). Either way the server cut the connection: unlimited, the held call
        // would have waited a minute.
        assertThat(inFlight).failsWithin(Duration.ofSeconds(15)).withThrowableOfType(ExecutionException.class)
                .satisfies(failure -> {
                    Status status = Status.fromThrowable(failure);
                    if (status.getCode() == Status.Code.UNAVAILABLE) {
                        assertThat(status.getCause()).isInstanceOf(IOException.class);
                    } else {
                        assertThat(status.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                        assertThat(status.getDescription()).contains("ENHANCE_YOUR_CALM", "too_many_rststreams");
                    }
                });
    }
}
