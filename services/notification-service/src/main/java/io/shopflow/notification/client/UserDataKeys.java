package io.shopflow.notification.client;

import io.quarkus.grpc.GrpcClient;
import io.shopflow.events.PersonalField;
import io.shopflow.grpc.user.v1.DataKeyAnswer;
import io.shopflow.grpc.user.v1.GetDataKeysRequest;
import io.shopflow.grpc.user.v1.UserService;
import io.shopflow.notification.config.NotificationConfig;
import io.shopflow.personaldata.DataKey;
import io.shopflow.personaldata.DataKeyCache;
import io.shopflow.personaldata.KeyId;
import io.shopflow.personaldata.KeyLookup;
import io.shopflow.personaldata.Opened;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Opens users' sealed fields with their keys from user-service ({@code GetDataKeys}), kept in a {@link DataKeyCache}
 * for at most {@code shopflow.notification.data-keys.expiry} and dropped at once when a user is erased.
 */
@ApplicationScoped
public class UserDataKeys {

    private final DataKeyCache keys;

    public UserDataKeys(@GrpcClient("users") UserService users, NotificationConfig config) {
        var settings = config.dataKeys();
        this.keys = new DataKeyCache(ids -> users.getDataKeys(request(ids)).map(response -> {
            var found = new LinkedHashMap<KeyId, KeyLookup>();
            response.getKeysList().forEach(answer -> found.put(KeyId.parse(answer.getKeyId()), lookup(answer)));
            return (Map<KeyId, KeyLookup>) found;
        }).subscribeAsCompletionStage(), settings.expiry(), settings.maxKeys());
    }

    /**
     * The field's clear text, or {@link Opened.Erased}; a field of an event written before sealing is its clear text.
     * Fails with {@code TamperedPersonalDataException} for an envelope that its sealer did not write.
     */
    public Uni<Opened> open(UUID userId, PersonalField field) {
        return field.envelope()
                .map(sealed -> Uni.createFrom().completionStage(() -> keys.open(userId, sealed)))
                .orElseGet(() -> Uni.createFrom().item(new Opened.Clear(field.clearTextBeforeSealing())));
    }

    /** The user was erased: their keys must not open anything here any longer. */
    public void forget(UUID userId) {
        keys.forget(userId);
    }

    private static GetDataKeysRequest request(Set<KeyId> ids) {
        var request = GetDataKeysRequest.newBuilder();
        ids.forEach(id -> request.addKeyIds(id.toString()));
        return request.build();
    }

    private static KeyLookup lookup(DataKeyAnswer answer) {
        if (answer.hasKey()) {
            return new KeyLookup.Found(new DataKey(KeyId.parse(answer.getKeyId()), answer.getKey().toByteArray()));
        }
        return answer.getDestroyed() ? new KeyLookup.Destroyed() : new KeyLookup.Unknown();
    }
}
