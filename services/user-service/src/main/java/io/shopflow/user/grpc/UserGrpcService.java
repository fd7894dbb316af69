package io.shopflow.user.grpc;

import io.quarkus.grpc.GrpcService;
import io.shopflow.grpc.user.v1.CreateUserRequest;
import io.shopflow.grpc.user.v1.GetUserRequest;
import io.shopflow.grpc.user.v1.GetUsersRequest;
import io.shopflow.grpc.user.v1.GetUsersResponse;
import io.shopflow.grpc.user.v1.UpdateUserRequest;
import io.shopflow.grpc.user.v1.User;
import io.shopflow.grpc.user.v1.UserService;
import io.shopflow.user.domain.InvalidUserIdException;
import io.shopflow.user.domain.UserDirectory;
import io.smallrye.mutiny.Uni;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/** gRPC face of the user directory; every failure leaves as a proper status (see {@link GrpcStatuses}). */
@GrpcService
public class UserGrpcService implements UserService {

    private final UserDirectory directory;

    public UserGrpcService(UserDirectory directory) {
        this.directory = directory;
    }

    @Override
    public Uni<User> getUser(GetUserRequest request) {
        return call(() -> directory.get(InvalidUserIdException.parse(request.getId())).map(UserMessages::toMessage));
    }

    @Override
    public Uni<GetUsersResponse> getUsers(GetUsersRequest request) {
        return call(() -> {
            List<UUID> ids = request.getIdsList().stream().distinct().map(InvalidUserIdException::parse).toList();
            return directory.getAll(ids).map(found -> {
                var response = GetUsersResponse.newBuilder();
                var missing = new HashSet<>(ids);
                found.forEach(user -> {
                    response.addUsers(UserMessages.toMessage(user));
                    missing.remove(user.id());
                });
                missing.forEach(id -> response.addMissingIds(id.toString()));
                return response.build();
            });
        });
    }

    @Override
    public Uni<User> createUser(CreateUserRequest request) {
        return call(() -> directory.register(UserMessages.toNewUser(request)).map(UserMessages::toMessage));
    }

    @Override
    public Uni<User> updateUser(UpdateUserRequest request) {
        return call(() -> directory.update(InvalidUserIdException.parse(request.getId()),
                UserMessages.toChanges(request)).map(UserMessages::toMessage));
    }

    /**
     * Runs the call so that failures thrown before any Uni exists (id parsing, parameter validation) are
     * mapped to a status exactly like asynchronous ones.
     */
    private static <T> Uni<T> call(Supplier<Uni<? extends T>> work) {
        return Uni.createFrom().<T>deferred(work).onFailure().transform(GrpcStatuses::toStatusException);
    }
}
