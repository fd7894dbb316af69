package io.shopflow.user.grpc;

import com.google.protobuf.ByteString;
import io.quarkus.grpc.GrpcService;
import io.shopflow.grpc.user.v1.CreateUserRequest;
import io.shopflow.grpc.user.v1.DataKeyAnswer;
import io.shopflow.grpc.user.v1.GetDataKeysRequest;
import io.shopflow.grpc.user.v1.GetDataKeysResponse;
import io.shopflow.grpc.user.v1.GetUserRequest;
import io.shopflow.grpc.user.v1.GetUsersRequest;
import io.shopflow.grpc.user.v1.GetUsersResponse;
import io.shopflow.grpc.user.v1.UpdateUserRequest;
import io.shopflow.grpc.user.v1.User;
import io.shopflow.grpc.user.v1.UserService;
import io.shopflow.personaldata.KeyId;
import io.shopflow.personaldata.KeyLookup;
import io.shopflow.personaldata.TamperedPersonalDataException;
import io.shopflow.problems.InvalidFieldException;
import io.shopflow.user.app.UserDirectory;
import io.shopflow.user.domain.InvalidUserIdException;
import io.smallrye.mutiny.Uni;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

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
        List<UUID> ids = IntStream.range(0, request.getIdsCount())
                .mapToObj(n -> InvalidUserIdException.parse("ids[" + n + "]", request.getIds(n))).distinct().toList();
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

    @Override
    public Uni<GetDataKeysResponse> getDataKeys(GetDataKeysRequest request) {
        List<KeyId> ids = IntStream.range(0, request.getKeyIdsCount())
                .mapToObj(n -> keyId("key_ids[" + n + "]", request.getKeyIds(n))).distinct().toList();
        return directory.dataKeys(ids).map(found -> {
            var response = GetDataKeysResponse.newBuilder();
            found.forEach((id, lookup) -> response.addKeys(answer(id, lookup)));
            return response.build();
        });
    }

    private static KeyId keyId(String field, String raw) {
        try {
            return KeyId.parse(raw);
        } catch (TamperedPersonalDataException e) {
            throw new InvalidFieldException(field, "'" + raw + "' is not <user id>/<version>");
        }
    }

    private static DataKeyAnswer answer(KeyId id, KeyLookup lookup) {
        var answer = DataKeyAnswer.newBuilder().setKeyId(id.toString());
        if (lookup instanceof KeyLookup.Found found) {
            return answer.setKey(ByteString.copyFrom(found.key().secret())).build();
        }
        return lookup instanceof KeyLookup.Destroyed ? answer.setDestroyed(true).build() : answer.setUnknown(true).build();
    }
}
