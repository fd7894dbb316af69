package io.shopflow.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.shopflow.grpc.user.v1.GetDataKeysRequest;
import io.shopflow.grpc.user.v1.UserServiceGrpc.UserServiceBlockingStub;
import io.shopflow.personaldata.DataKey;
import io.shopflow.personaldata.KeyEncryptionKey;
import io.shopflow.personaldata.KeyId;
import io.shopflow.personaldata.KeyLookup;
import io.shopflow.personaldata.PersonalData;
import io.shopflow.user.app.KeyEncryptionKeyReplacement;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Replacing the key-encryption key against the real data_keys table: data keys wrapped by the retired key are
 * served while the replacement runs, then rewrapped under the current one; the data keys stay the same, so what they
 * sealed opens without anything being re-encrypted, and no key needs the retired one afterwards. The profile makes the
 * development key the current one, so the rest of the module's tests find every key as they left it.
 */
@QuarkusTest
@TestProfile(KeyEncryptionKeyReplacementTest.Replacing.class)
class KeyEncryptionKeyReplacementTest {

    private static final String RETIRED_ID = "retired-for-test";
    private static final byte[] RETIRED_SECRET = filled((byte) 42);

    public static class Replacing implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("user-service.data-keys.retired-key-encryption-key",
                    Base64.getEncoder().encodeToString(RETIRED_SECRET),
                    "user-service.data-keys.retired-key-encryption-key-id", RETIRED_ID,
                    "user-service.data-keys.rewrap-batch-size", "2");
        }
    }

    private final KeyEncryptionKey retired = new KeyEncryptionKey(RETIRED_ID, RETIRED_SECRET);

    @ConfigProperty(name = "user-service.data-keys.key-encryption-key")
    String currentSecret;

    @ConfigProperty(name = "user-service.data-keys.key-encryption-key-id")
    String currentId;

    @Inject
    Pool pool;

    @Inject
    KeyEncryptionKeyReplacement replacement;

    @GrpcClient("users")
    UserServiceBlockingStub users;

    private void store(KeyId id, String wrapped) {
        pool.preparedQuery("INSERT INTO data_keys (subject, version, wrapped, destroyed_at) VALUES ($1, $2, $3, $4)")
                .execute(Tuple.of(id.subject(), id.version(), wrapped,
                        wrapped == null ? OffsetDateTime.now() : null))
                .await().indefinitely();
    }

    private String wrapped(KeyId id) {
        return pool.preparedQuery("SELECT wrapped FROM data_keys WHERE subject = $1 AND version = $2")
                .execute(Tuple.of(id.subject(), id.version())).await().indefinitely().iterator().next().getString(0);
    }

    private byte[] served(KeyId id) {
        var answer = users.getDataKeys(GetDataKeysRequest.newBuilder().addKeyIds(id.toString()).build()).getKeys(0);
        assertThat(answer.hasKey()).as("a key is served for " + id).isTrue();
        return answer.getKey().toByteArray();
    }

    @Test
    void every_data_key_of_the_retired_key_encryption_key_is_rewrapped_and_still_opens_what_it_sealed() {
        var ada = UUID.randomUUID();
        var grace = UUID.randomUUID();
        var keys = List.of(DataKey.generate(new KeyId(ada, 1)), DataKey.generate(new KeyId(ada, 2)),
                DataKey.generate(new KeyId(grace, 1)));
        keys.forEach(key -> store(key.id(), retired.wrap(key)));
        var erased = new KeyId(UUID.randomUUID(), 1);
        store(erased, null);
        String sealedBefore = PersonalData.seal(keys.get(0), "Ada Lovelace");
        String registered = UserRestApiTest.register(UserRestApiTest.newUser(UserRestApiTest.uniqueEmail()));
        var registeredKey = new KeyId(UUID.fromString(registered), 1);
        String registeredWrapping = wrapped(registeredKey);

        // While the replacement runs, keys wrapped by the retired key-encryption key are served as before.
        assertThat(served(keys.get(2).id())).isEqualTo(keys.get(2).secret());

        var outcome = replacement.rewrapAll().await().atMost(Duration.ofSeconds(30));

        assertThat(outcome.unreadable()).isEmpty();
        var current = new KeyEncryptionKey(currentId, Base64.getDecoder().decode(currentSecret));
        for (var key : keys) {
            assertThat(current.unwrap(key.id(), wrapped(key.id()))).as("rewrapped " + key.id()).isEqualTo(key);
            assertThat(served(key.id())).isEqualTo(key.secret());
        }
        assertThat(PersonalData.open(ada, sealedBefore, new KeyLookup.Found(
                new DataKey(keys.get(0).id(), served(keys.get(0).id())))).textOrErased()).isEqualTo("Ada Lovelace");
        assertThat(wrapped(erased)).as("a destroyed key stays destroyed").isNull();
        assertThat(wrapped(registeredKey)).as("a key the current one wrapped is left as it is")
                .isEqualTo(registeredWrapping);

        var again = replacement.rewrapAll().await().atMost(Duration.ofSeconds(30));
        assertThat(again.rewrapped()).as("nothing is left to rewrap").isZero();
        assertThat(again.read()).isGreaterThanOrEqualTo(keys.size() + 1);
    }

    @Test
    void a_data_key_wrapped_by_a_key_encryption_key_no_longer_configured_is_reported_and_left_as_it_is() {
        var lost = new KeyEncryptionKey("lost", filled((byte) 7));
        var key = DataKey.generate(new KeyId(UUID.randomUUID(), 1));
        String wrapping = lost.wrap(key);
        store(key.id(), wrapping);
        try {
            var outcome = replacement.rewrapAll().await().atMost(Duration.ofSeconds(30));

            assertThat(outcome.unreadable()).containsExactly(key.id());
            assertThat(wrapped(key.id())).isEqualTo(wrapping);
        } finally {
            // No other test of the module should meet a key it cannot unwrap.
            pool.preparedQuery("DELETE FROM data_keys WHERE subject = $1").execute(Tuple.of(key.id().subject()))
                    .await().indefinitely();
        }
    }

    private static byte[] filled(byte value) {
        var bytes = new byte[DataKey.BYTES];
        Arrays.fill(bytes, value);
        return bytes;
    }
}
