package io.shopflow.order;

import static org.awaitility.Awaitility.await;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.shopflow.grpc.user.v1.GetUserRequest;
import io.shopflow.grpc.user.v1.GetUsersRequest;
import io.shopflow.grpc.user.v1.GetUsersResponse;
import io.shopflow.grpc.user.v1.User;
import io.shopflow.grpc.user.v1.UserServiceGrpc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Three replicas of user-service, each a real gRPC server on a port of its own, started before the application
 * so that order-service discovers them (Stork, static list) as it would discover pods. Each knows every user and
 * answers with its own name, counts the calls it served and can be made slow or stopped; {@link Replica#restore}
 * undoes both.
 */
public class UserServiceReplicas implements QuarkusTestResourceLifecycleManager {

    static final List<Replica> REPLICAS = IntStream.rangeClosed(1, 3).mapToObj(n -> new Replica("replica-" + n)).toList();

    @Override
    public Map<String, String> start() {
        REPLICAS.forEach(Replica::start);
        var config = new HashMap<String, String>();
        // The application's own client (UserDirectoryClient, "users") splits 2:1:1 and leaves a failing replica out
        // for 2 s; a test client takes equal turns.
        config.putAll(client("users", "user-service", "weighted-round-robin"));
        config.put("quarkus.stork.user-service.load-balancer.weights", REPLICAS.get(0).address() + "=2");
        config.put("quarkus.stork.user-service.load-balancer.ejection-time", "2s");
        config.putAll(client("users-round-robin", "users-round-robin", "round-robin"));
        return config;
    }

    /**
     * The gRPC client {@code client} finding the replicas as Stork service {@code service} (a static list) and
     * picking one with {@code balancer}.
     */
    private static Map<String, String> client(String client, String service, String balancer) {
        return Map.of(
                "quarkus.grpc.clients." + client + ".name-resolver", "stork",
                "quarkus.grpc.clients." + client + ".host", service,
                "quarkus.stork." + service + ".service-discovery.type", "static",
                "quarkus.stork." + service + ".service-discovery.address-list", addresses(),
                "quarkus.stork." + service + ".load-balancer.type", balancer);
    }

    private static String addresses() {
        return REPLICAS.stream().map(Replica::address).collect(Collectors.joining(","));
    }

    @Override
    public void stop() {
        REPLICAS.forEach(Replica::stop);
    }

    /**
     * Serves GetUser and GetUsers (the rest is UNIMPLEMENTED) through a service definition built here rather than by extending the generated
     * base class, which Quarkus would take for an application gRPC service and serve instead of the stand-in.
     */
    static final class Replica {

        final String name;
        final int port = freePort();
        final AtomicInteger calls = new AtomicInteger();
        /** How long each call takes to answer: a slow replica (cut off by the deadline when above it). */
        volatile Duration delay = Duration.ZERO;
        private volatile Server server;

        Replica(String name) {
            this.name = name;
        }

        String address() {
            return "localhost:" + port;
        }

        synchronized void start() {
            try {
                var service = ServerServiceDefinition.builder(UserServiceGrpc.SERVICE_NAME)
                        .addMethod(UserServiceGrpc.getGetUserMethod(), ServerCalls.asyncUnaryCall(this::getUser))
                        .addMethod(UserServiceGrpc.getGetUsersMethod(), ServerCalls.asyncUnaryCall(this::getUsers))
                        .build();
                server = Grpc.newServerBuilderForPort(port, InsecureServerCredentials.create()).addService(service)
                        .build().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Started again on its port if it was stopped, and fast: as it was before a test changed it. */
        void restore() {
            delay = Duration.ZERO;
            // The port may be held for a moment by the connections the stop cut: try again until it binds.
            await(name + " listening on its port again").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> {
                        startUnlessRunning();
                        return true;
                    });
        }

        private synchronized void startUnlessRunning() {
            if (server == null || server.isShutdown()) {
                start();
            }
        }

        /** Gone at once, like a killed pod: open connections are cut, calls in flight fail. */
        synchronized void stop() {
            server.shutdownNow();
            try {
                server.awaitTermination();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void getUser(GetUserRequest request, StreamObserver<User> reply) {
            calls.incrementAndGet();
            pause();
            reply.onNext(user(request.getId()));
            reply.onCompleted();
        }

        private void getUsers(GetUsersRequest request, StreamObserver<GetUsersResponse> reply) {
            calls.incrementAndGet();
            pause();
            reply.onNext(GetUsersResponse.newBuilder()
                    .addAllUsers(request.getIdsList().stream().map(this::user).toList()).build());
            reply.onCompleted();
        }

        /** The replica's slowness, which the tests set: what the balancers must notice, not a wait for anything. */
        private void pause() {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private User user(String id) {
            return User.newBuilder().setId(id).setName(name).setVersion(1).build();
        }

        private static int freePort() {
            try (var socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
