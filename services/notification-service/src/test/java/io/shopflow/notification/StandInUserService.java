package io.shopflow.notification;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.shopflow.events.PersonalField;
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
import io.shopflow.personaldata.DataKey;
import io.shopflow.personaldata.KeyId;
import io.shopflow.personaldata.PersonalData;
import io.smallrye.mutiny.Uni;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * user-service's key store as notification-service reaches it, over gRPC on the test's own port: the tests seal
 * users' fields with keys kept here and destroy them, as user-service does on an erasure.
 */
@GrpcService
public class StandInUserService implements UserService {

    private static final Map<UUID, DataKey> KEYS = new ConcurrentHashMap<>();
    private static final Set<UUID> DESTROYED = ConcurrentHashMap.newKeySet();

    /** The text sealed with the user's key, as user-service puts it in an event. */
    static PersonalField seal(String userId, String clearText) {
        var subject = UUID.fromString(userId);
        var key = KEYS.computeIfAbsent(subject, s -> DataKey.generate(new KeyId(s, 1)));
        return PersonalField.sealed(PersonalData.seal(key, clearText));
    }

    /** The user's keys destroyed: what they sealed reads as erased from now on. */
    static void destroyKeysOf(String userId) {
        KEYS.remove(UUID.fromString(userId));
        DESTROYED.add(UUID.fromString(userId));
    }

    @Override
    public Uni<GetDataKeysResponse> getDataKeys(GetDataKeysRequest request) {
        var response = GetDataKeysResponse.newBuilder();
        for (var raw : request.getKeyIdsList()) {
            var id = KeyId.parse(raw);
            var answer = DataKeyAnswer.newBuilder().setKeyId(raw);
            var key = KEYS.get(id.subject());
            if (key != null && key.id().equals(id)) {
                answer.setKey(ByteString.copyFrom(key.secret()));
            } else if (DESTROYED.contains(id.subject())) {
                answer.setDestroyed(true);
            } else {
                answer.setUnknown(true);
            }
            response.addKeys(answer);
        }
        return Uni.createFrom().item(response.build());
    }

    @Override
    public Uni<User> getUser(GetUserRequest request) {
        return unimplemented();
    }

    @Override
    public Uni<GetUsersResponse> getUsers(GetUsersRequest request) {
        return unimplemented();
    }

    @Override
    public Uni<User> createUser(CreateUserRequest request) {
        return unimplemented();
    }

    @Override
    public Uni<User> updateUser(UpdateUserRequest request) {
        return unimplemented();
    }

    /** notification-service asks user-service for keys, nothing else. */
    private static <T> Uni<T> unimplemented() {
        return Uni.createFrom().failure(Status.UNIMPLEMENTED.asRuntimeException());
    }
}
