package io.shopflow.order;

import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.shopflow.grpc.user.v1.CreateUserRequest;
import io.shopflow.grpc.user.v1.GetDataKeysRequest;
import io.shopflow.grpc.user.v1.GetDataKeysResponse;
import io.shopflow.grpc.user.v1.GetUserRequest;
import io.shopflow.grpc.user.v1.GetUsersRequest;
import io.shopflow.grpc.user.v1.GetUsersResponse;
import io.shopflow.grpc.user.v1.UpdateUserRequest;
import io.shopflow.grpc.user.v1.User;
import io.shopflow.grpc.user.v1.UserService;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * user-service as order-service sees it over gRPC, served by the test application itself on its test port: the
 * users a test registered exist, others are NOT_FOUND or missing. A test can make it fail every call with a status
 * ({@link #FAILING_WITH}) and count the batch calls it gets. The real user-service is exercised by its own tests
 * and by the system test; here the subject is order-service.
 */
@GrpcService
public class StandInUserService implements UserService {

    private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();
    /** When set, every GetUsers call fails with this status. */
    static final AtomicReference<Status> FAILING_WITH = new AtomicReference<>();
    /** The ids of each GetUsers call, in arrival order. */
    static final List<List<String>> BATCHES = new CopyOnWriteArrayList<>();

    static String registerUser() {
        String id = UUID.randomUUID().toString();
        KNOWN.add(id);
        return id;
    }

    @Override
    public Uni<User> getUser(GetUserRequest request) {
        return Uni.createFrom().failure(Status.UNIMPLEMENTED.asRuntimeException());
    }

    @Override
    public Uni<GetUsersResponse> getUsers(GetUsersRequest request) {
        BATCHES.add(request.getIdsList());
        var failure = FAILING_WITH.get();
        if (failure != null) {
            return Uni.createFrom().failure(failure.asRuntimeException());
        }
        var response = GetUsersResponse.newBuilder();
        for (var id : request.getIdsList()) {
            if (KNOWN.contains(id)) {
                response.addUsers(User.newBuilder().setId(id).setName("Test user").setVersion(1));
            } else {
                response.addMissingIds(id);
            }
        }
        return Uni.createFrom().item(response.build());
    }

    @Override
    public Uni<User> createUser(CreateUserRequest request) {
        return Uni.createFrom().failure(Status.UNIMPLEMENTED.asRuntimeException());
    }

    @Override
    public Uni<User> updateUser(UpdateUserRequest request) {
        return Uni.createFrom().failure(Status.UNIMPLEMENTED.asRuntimeException());
    }

    /** order-service never opens personal data, so it never asks for keys. */
    @Override
    public Uni<GetDataKeysResponse> getDataKeys(GetDataKeysRequest request) {
        return Uni.createFrom().failure(Status.UNIMPLEMENTED.asRuntimeException());
    }
}
