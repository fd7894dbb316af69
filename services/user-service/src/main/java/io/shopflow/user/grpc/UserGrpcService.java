package io.shopflow.user.grpc;

import io.quarkus.grpc.GrpcService;
import io.shopflow.grpc.user.v1.CreateUserRequest;
import io.shopflow.grpc.user.v1.GetUserRequest;
import io.shopflow.grpc.user.v1.GetUsersRequest;
import io.shopflow.grpc.user.v1.GetUsersResponse;
import io.shopflow.grpc.user.v1.UpdateUserRequest;
import io.shopflow.grpc.user.v1.User;
import io.shopflow.grpc.user.v1.UserService;
import io.shopflow.user.app.UserDirectory;
import io.shopflow.user.domain.InvalidUserIdException;
import io.smallrye.mutiny.Uni;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

/** gRPC face of the user directory; failures leave as proper statuses through the shared GrpcProblems. */
@GrpcService
public class UserGrpcService implements UserService {

    private final UserDirectory directory;

    public UserGrpcService(UserDirectory directory) {
        this.directory = directory;
    }

    @Override
    public Uni<User> getUser(GetUserRequest request) {
        return directory.get(InvalidUserIdException.parse(request.getId())).map(UserMessages::toMessage);
    }

    @Override
    public Uni<GetUsersResponse> getUsers(GetUsersRequest request) {
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
    }

    @Override
    public Uni<User> createUser(CreateUserRequest request) {
        return directory.register(UserMessages.toNewUser(request)).map(UserMessages::toMessage);
    }

    @Override
    public Uni<User> updateUser(UpdateUserRequest request) {
        return directory.update(InvalidUserIdException.parse(request.getId()), UserMessages.toChanges(request))
                .map(UserMessages::toMessage);
    }
}
