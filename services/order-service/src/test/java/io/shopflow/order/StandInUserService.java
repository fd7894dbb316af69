package io.shopflow.order;

import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.shopflow.grpc.user.v1.CreateUserRequest;
import io.shopflow.grpc.user.v1.GetUserRequest;
import io.shopflow.grpc.user.v1.GetUsersRequest;
import io.shopflow.grpc.user.v1.GetUsersResponse;
import io.shopflow.grpc.user.v1.UpdateUserRequest;
import io.shopflow.grpc.user.v1.User;
import io.shopflow.grpc.user.v1.UserService;
import io.smallrye.mutiny.Uni;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * user-service as order-service sees it over gRPC, served by the test application itself on its test port: the
 * users a test registered exist, others are NOT_FOUND. The real user-service is exercised by its own tests and
 * by the system test; here the subject is order-service.
 */
@GrpcService
public class StandInUserService implements UserService {

    private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();

    static String registerUser() {
        String id = UUID.randomUUID().toString();
        KNOWN.add(id);
        return id;
    }

    @Override
    public Uni<User> getUser(GetUserRequest request) {
        if (!KNOWN.contains(request.getId())) {
            return Uni.createFrom().failure(Status.NOT_FOUND.withDescription("no user " + request.getId()).asRuntimeException());
        }
        return Uni.createFrom().item(User.newBuilder().setId(request.getId()).setName("Test user").build());
    }

    @Override
    public Uni<GetUsersResponse> getUsers(GetUsersRequest request) {
        return Uni.createFrom().failure(Status.UNIMPLEMENTED.asRuntimeException());
    }

    @Override
    public Uni<User> createUser(CreateUserRequest request) {
        return Uni.createFrom().failure(Status.UNIMPLEMENTED.asRuntimeException());
    }

    @Override
    public Uni<User> updateUser(UpdateUserRequest request) {
        return Uni.createFrom().failure(Status.UNIMPLEMENTED.asRuntimeException());
    }
}
