package io.shopflow.benchmarks;

import com.google.protobuf.CodedOutputStream;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.stub.ClientCalls;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * One user read from user-service, the same query over either protocol. Neither client decodes the answer (JSON
 * or protobuf): what is compared is the transport and the server's work, not the clients' parsers.
 */
sealed interface UserQuery extends AutoCloseable {

    String protocol();

    /** Completes when the whole answer has arrived; fails on anything but a found user. */
    CompletionStage<Void> get(String userId);

    @Override
    void close();

    /**
     * {@code GET /api/v1/users/{id}}, JSON over HTTP/1.1 with keep-alive, a connection per caller in flight; at
     * {@code base}, which may be user-service itself or the api-gateway in front of it (then with a token).
     */
    final class Rest implements UserQuery {

        static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

        private final Vertx vertx = Vertx.vertx();
        private final HttpClient client;
        private final String label;
        private final String authorization;

        Rest(URI base, int connections) {
            this(base, connections, "REST/JSON (HTTP/1.1)", null);
        }

        /** @param authorization the Authorization header to send; null for none */
        Rest(URI base, int connections, String label, String authorization) {
            client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(base.getHost())
                    .setDefaultPort(base.getPort()).setKeepAlive(true), new io.vertx.core.http.PoolOptions()
                    .setHttp1MaxSize(connections));
            this.label = label;
            this.authorization = authorization;
        }

        @Override
        public String protocol() {
            return label;
        }

        @Override
        public CompletionStage<Void> get(String userId) {
            // Bounded waits, for a connection and for the answer: either, never coming, counts as a failure instead
            // of stalling the round.
            return client.request(new RequestOptions().setMethod(HttpMethod.GET).setURI("/api/v1/users/" + userId)
                            .setConnectTimeout(ANSWER_TIMEOUT.toMillis()).setIdleTimeout(ANSWER_TIMEOUT.toMillis()))
                    .compose(request -> {
                        if (authorization != null) {
                            request.putHeader("Authorization", authorization);
                        }
                        return request.send();
                    })
                    .compose(response -> response.statusCode() == 200 ? response.body()
                            : io.vertx.core.Future.failedFuture("HTTP " + response.statusCode()))
                    .<Void>mapEmpty()
                    .toCompletionStage();
        }

        @Override
        public void close() {
            client.close();
            vertx.close();
        }
    }

    /** {@code UserService/GetUser}, protobuf over one HTTP/2 connection (gRPC multiplexes the calls). */
    final class Grpc implements UserQuery {

        private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
            @Override
            public InputStream stream(byte[] value) {
                return new ByteArrayInputStream(value);
            }

            @Override
            public byte[] parse(InputStream stream) {
                try {
                    return stream.readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        private static final MethodDescriptor<byte[], byte[]> GET_USER = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName("shopflow.user.v1.UserService/GetUser")
                .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES)
                .build();

        private final ManagedChannel channel;

        Grpc(URI base) {
            channel = ManagedChannelBuilder.forAddress(base.getHost(), base.getPort()).usePlaintext().build();
        }

        @Override
        public String protocol() {
            return "gRPC (HTTP/2, protobuf)";
        }

        @Override
        public CompletionStage<Void> get(String userId) {
            var answer = new CompletableFuture<Void>();
            var call = ClientCalls.futureUnaryCall(channel.newCall(GET_USER, CallOptions.DEFAULT), request(userId));
            call.addListener(() -> {
                try {
                    call.get();
                    answer.complete(null);
                } catch (Exception e) {
                    answer.completeExceptionally(e);
                }
            }, Runnable::run);
            return answer;
        }

        /** {@code GetUserRequest{id}}: field 1, a string; written with protobuf's own encoder. */
        private static byte[] request(String userId) {
            try {
                var bytes = new ByteArrayOutputStream();
                var out = CodedOutputStream.newInstance(bytes);
                out.writeString(1, userId);
                out.flush();
                return bytes.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            channel.shutdownNow();
            try {
                channel.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
