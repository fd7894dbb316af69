package io.shopflow.user;

import io.shopflow.events.PersonalField;
import io.shopflow.grpc.user.v1.DataKeyAnswer;
import io.shopflow.grpc.user.v1.GetDataKeysRequest;
import io.shopflow.grpc.user.v1.UserServiceGrpc.UserServiceBlockingStub;
import io.shopflow.personaldata.DataKey;
import io.shopflow.personaldata.KeyId;
import io.shopflow.personaldata.KeyLookup;
import io.shopflow.personaldata.Opened;
import io.shopflow.personaldata.PersonalData;
import java.util.UUID;

/** Opens a sealed field as another service would: its key asked of user-service's gRPC API, no shortcut. */
final class SealedFields {

    private SealedFields() {
    }

    static Opened open(UserServiceBlockingStub users, String userId, PersonalField field) {
        var subject = UUID.fromString(userId);
        var sealed = field.envelope().orElseThrow(() -> new AssertionError("not sealed: " + field));
        var id = PersonalData.keyOf(subject, sealed);
        var answer = users.getDataKeys(GetDataKeysRequest.newBuilder().addKeyIds(id.toString()).build()).getKeys(0);
        return PersonalData.open(subject, sealed, lookup(answer, id));
    }

    private static KeyLookup lookup(DataKeyAnswer answer, KeyId id) {
        if (answer.hasKey()) {
            return new KeyLookup.Found(new DataKey(id, answer.getKey().toByteArray()));
        }
        return answer.getDestroyed() ? new KeyLookup.Destroyed() : new KeyLookup.Unknown();
    }
}
