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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;

/**
 * Users read from user-service, the same query over either protocol: one user, or a batch. Neither client decodes
 * the answer (JSON or protobuf): what is compared is the transport and the server's work, not the clients' parsers.
 */
sealed interface UserQuery extends AutoCloseable {

    String protocol();

    /**
     * Completes when every answer has arrived; fails on anything but found users. One id is one lookup; several are
     * the batch case: one {@code GetUsers} over gRPC, one {@code GET} each over REST (user-service has no REST batch),
     * all sent at once. {@code caller} numbers the closed-loop caller asking, from 0.
     */
    CompletionStage<Void> get(int caller, List<String> userIds);

    /** The bytes of one answer's body as received (before the client's decompression), by lookup; see {@link Sizes}. */
    Sizes sizes();

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
        private final boolean gzip;
        private final Sizes sizes = new Sizes();

        Rest(URI base, int connections, boolean gzip) {
            this(base, connections, "REST/JSON (HTTP/1.1)" + (gzip ? ", gzip" : ""), null, gzip);
        }

        /**
         * @param authorization the Authorization header to send; null for none
         * @param gzip          ask for gzip answers ({@code Accept-Encoding}); the server compresses only if built
         *                      with {@code quarkus.http.enable-compression=true}
         */
        Rest(URI base, int connections, String label, String authorization, boolean gzip) {
            client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(base.getHost())
                    .setDefaultPort(base.getPort()).setKeepAlive(true), new io.vertx.core.http.PoolOptions()
                    .setHttp1MaxSize(connections));
            this.label = label;
            this.authorization = authorization;
            this.gzip = gzip;
        }

        @Override
        public Sizes sizes() {
            return sizes;
        }

        @Override
        public String protocol() {
            return label;
        }

        /** Any free connection of the pool: a caller's next request finds its previous one's free again. */
        @Override
        public CompletionStage<Void> get(int caller, List<String> userIds) {
            if (userIds.size() == 1) {
                return get(userIds.get(0));
            }
            return CompletableFuture.allOf(userIds.stream().map(id -> get(id).toCompletableFuture())
                    .toArray(CompletableFuture[]::new));
        }

        private CompletionStage<Void> get(String userId) {
            // Bounded waits, for a connection and for the answer: either, never coming, counts as a failure instead
            // of stalling the round.
            return client.request(new RequestOptions().setMethod(HttpMethod.GET).setURI("/api/v1/users/" + userId)
                            .setConnectTimeout(ANSWER_TIMEOUT.toMillis()).setIdleTimeout(ANSWER_TIMEOUT.toMillis()))
                    .compose(request -> {
                        if (authorization != null) {
                            request.putHeader("Authorization", authorization);
                        }
                        if (gzip) {
                            request.putHeader("Accept-Encoding", "gzip");
                        }
                        return request.send();
                    })
                    .compose(response -> response.statusCode() == 200 ? response.body()
                            : io.vertx.core.Future.failedFuture("HTTP " + response.statusCode()))
                    .map(body -> {
                        sizes.add(1, body.getBytes());
                        return body;
                    })
                    .<Void>mapEmpty()
                    .toCompletionStage();
        }

        @Override
        public void close() {
            client.close();
            vertx.close();
        }
    }

    /**
     * {@code UserService/GetUser} or {@code GetUsers}, protobuf over HTTP/2: the callers spread over {@code channels}
     * channels (a connection each), each caller keeping to one, as the REST client's callers spread over its
     * connection pool, each finding its own connection free again.
     */
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
        private static final MethodDescriptor<byte[], byte[]> GET_USER = method("GetUser");
        private static final MethodDescriptor<byte[], byte[]> GET_USERS = method("GetUsers");

        private final List<ManagedChannel> channels;
        private final CallOptions options;
        private final String label;
        private final Sizes sizes = new Sizes();

        /** @param gzip compress the requests, and ask for compressed answers (which the server's setting decides) */
        Grpc(URI target, int channels, boolean gzip) {
            // directExecutor: answers are handled on the transport's thread, as in the platform's own gRPC clients
            // (Quarkus builds their channels so, on its event loops), and as the REST client handles its answers on
            // Vert.x' event loop. grpc-java's default hands every answer to a thread pool: a thread switch per call
            // that only this benchmark's client paid. The listener below only completes a future.
            this.channels = IntStream.range(0, channels).mapToObj(n -> ManagedChannelBuilder
                    .forAddress(target.getHost(), target.getPort()).usePlaintext().directExecutor().build()).toList();
            this.options = gzip ? CallOptions.DEFAULT.withCompression("gzip") : CallOptions.DEFAULT;
            this.label = String.format(Locale.ROOT, "gRPC (HTTP/2, protobuf), %d channel%s%s", channels,
                    channels == 1 ? "" : "s", gzip ? ", gzip" : "");
        }

        private static MethodDescriptor<byte[], byte[]> method(String name) {
            return MethodDescriptor.<byte[], byte[]>newBuilder().setType(MethodDescriptor.MethodType.UNARY)
                    .setFullMethodName("shopflow.user.v1.UserService/" + name)
                    .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
        }

        @Override
        public String protocol() {
            return label;
        }

        @Override
        public Sizes sizes() {
            return sizes;
        }

        /**
         * The caller's own channel: its next call is then written on the thread its answer arrived on, the channel's
         * event loop. Calls taking turns over the channels instead handed almost every call to another channel's
         * event loop, a wake-up of that thread per call, which cost the callers half as much CPU again per call as
         * REST's (26 against 17 µs, 2026-12-06 21:36) and which a service calling another, from its own event loop
         * over its one channel, does not pay.
         */
        @Override
        public CompletionStage<Void> get(int caller, List<String> userIds) {
            var answer = new CompletableFuture<Void>();
            var channel = channels.get(caller % channels.size());
            var method = userIds.size() == 1 ? GET_USER : GET_USERS;
            var call = ClientCalls.futureUnaryCall(channel.newCall(method, options), request(userIds));
            call.addListener(() -> {
                try {
                    sizes.add(userIds.size(), call.get());
                    answer.complete(null);
                } catch (Exception e) {
                    answer.completeExceptionally(e);
                }
            }, Runnable::run);
            return answer;
        }

        /**
         * {@code GetUserRequest{id}} and {@code GetUsersRequest{ids}} alike: field 1, a string, once or repeated;
         * written with protobuf's own encoder.
         */
        private static byte[] request(List<String> userIds) {
            try {
                var bytes = new ByteArrayOutputStream();
                var out = CodedOutputStream.newInstance(bytes);
                for (String id : userIds) {
                    out.writeString(1, id);
                }
                out.flush();
                return bytes.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            channels.forEach(ManagedChannel::shutdownNow);
            try {
                for (var channel : channels) {
                    channel.awaitTermination(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * What the answers weigh, per user looked up (so that the single and the batch case compare): the protobuf
     * message (gRPC) or the JSON body (REST) as decoded from the wire, and the same gzipped, measured on one answer in
     * {@link #GZIP_SAMPLE} (the serialization comparison; HTTP/2 and HTTP/1.1 framing and headers come on top).
     */
    final class Sizes {
        static final int GZIP_SAMPLE = 64;
        private final AtomicLong answers = new AtomicLong();
        private final AtomicLong users = new AtomicLong();
        private final AtomicLong bytes = new AtomicLong();
        private final AtomicLong sampledUsers = new AtomicLong();
        private final AtomicLong sampledGzipBytes = new AtomicLong();

        void add(int usersInAnswer, byte[] body) {
            users.addAndGet(usersInAnswer);
            bytes.addAndGet(body.length);
            if (answers.getAndIncrement() % GZIP_SAMPLE == 0) {
                sampledUsers.addAndGet(usersInAnswer);
                sampledGzipBytes.addAndGet(gzipped(body));
            }
        }

        double bytesPerUser() {
            return users.get() == 0 ? 0 : (double) bytes.get() / users.get();
        }

        double gzipBytesPerUser() {
            return sampledUsers.get() == 0 ? 0 : (double) sampledGzipBytes.get() / sampledUsers.get();
        }

        private static int gzipped(byte[] body) {
            var out = new ByteArrayOutputStream();
            try (var gzip = new GZIPOutputStream(out)) {
                gzip.write(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.size();
        }
    }
}
