package io.shopflow.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.shopflow.events.EventCodec;
import io.shopflow.events.EventEnvelope;
import io.shopflow.events.EventMetadata;
import io.shopflow.events.PersonalField;
import io.shopflow.events.PlatformEvents;
import io.shopflow.events.Topics;
import io.shopflow.events.user.UserRegistered;
import io.shopflow.personaldata.DataKey;
import io.shopflow.personaldata.DataKeyCache;
import io.shopflow.personaldata.KeyEncryptionKey;
import io.shopflow.personaldata.KeyId;
import io.shopflow.personaldata.KeyLookup;
import io.shopflow.personaldata.PersonalData;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * {@code UserRegistered} events carrying real-sized personal data, written and read the way the services do: v2 with
 * name, email and address sealed with the user's data key (what user-service writes now), and v1 with the same
 * fields in clear text (what it wrote before personal data was sealed), so that the two differ by sealing alone.
 * Every event is a new user with a data key of their own, wrapped by a key-encryption key as user-service's
 * {@code data_keys} table keeps it.
 */
final class UserRegistrations {

    static final String TOPIC = Topics.forAggregate("user");

    private static final EventCodec CODEC = new EventCodec(PlatformEvents.catalog());
    /** v1 is no longer a record the codec writes: a plain mapper writes its four text fields as the codec did. */
    private static final ObjectMapper V1_JSON = JsonMapper.builder().build();
    private static final String SOURCE = "//shopflow/user-service";
    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    /** notification-service's defaults (shopflow.notification.data-keys.*). */
    private static final Duration KEY_EXPIRY = Duration.ofMinutes(5);
    private static final long MAX_KEYS = 10_000;

    private final KeyEncryptionKey keyEncryptionKey;
    /** What user-service's GetDataKeys would answer, by key id: the unwrapped keys of the people made so far. */
    private final Map<KeyId, KeyLookup> keyStore = new ConcurrentHashMap<>();

    UserRegistrations() {
        var secret = new byte[DataKey.BYTES];
        new SecureRandom().nextBytes(secret);
        this.keyEncryptionKey = new KeyEncryptionKey("benchmark", secret);
    }

    /** A person as user-service holds them: their row's fields and their data key's row (wrapped). */
    record Person(UUID id, String name, String email, String address, String wrappedKey) {

        KeyId keyId() {
            return new KeyId(id, 1);
        }
    }

    /** v1's payload: the personal fields in clear text. */
    private record UserRegisteredV1(String userId, String name, String email, String address) {
    }

    /** {@code count} new people, each with a data key of their own; names, emails and addresses of real length. */
    List<Person> people(int count) {
        return IntStream.range(0, count).mapToObj(n -> {
            var id = UUID.randomUUID();
            var key = DataKey.generate(new KeyId(id, 1));
            keyStore.put(key.id(), new KeyLookup.Found(key));
            return new Person(id, "Ada Lovelace " + n, "ada.lovelace." + n + "@example.com",
                    n + " St James Square, London SW1Y 4JU", keyEncryptionKey.wrap(key));
        }).toList();
    }

    /** What user-service wrote before sealing: v1, the clear text in the payload. */
    EventEnvelope inClear(Person person) {
        try {
            return new EventEnvelope(UUID.randomUUID(), SOURCE, "UserRegistered", 1, "user", person.id().toString(),
                    now(), "corr-" + person.id(), "cmd-" + person.id(), TRACEPARENT, V1_JSON.writeValueAsString(
                    new UserRegisteredV1(person.id().toString(), person.name(), person.email(), person.address())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What user-service writes now: the data key unwrapped from its row (as {@code DataKeyStore.current} does for
     * every event), each personal field sealed with it, v2 encoded.
     */
    EventEnvelope sealed(Person person) {
        var key = keyEncryptionKey.unwrap(person.keyId(), person.wrappedKey());
        var event = new UserRegistered(person.id().toString(), seal(key, person.name()), seal(key, person.email()),
                seal(key, person.address()));
        return CODEC.encode(event, new EventMetadata(UUID.randomUUID(), now(), "corr-" + person.id(),
                "cmd-" + person.id(), TRACEPARENT), SOURCE);
    }

    /** A reader of v1 (any consumer before sealing): decoded, the clear text read off each field. */
    static String readInClear(EventEnvelope envelope) {
        var event = (UserRegistered) CODEC.decode(envelope);
        return event.name().clearTextBeforeSealing() + event.email().clearTextBeforeSealing()
                + event.address().clearTextBeforeSealing();
    }

    /**
     * A reader of v2 that needs the clear text (notification-service): decoded, each field opened through
     * {@code DataKeyCache}, which fetches the person's key on its first field and keeps it for the other two.
     */
    static String readSealed(EventEnvelope envelope, DataKeyCache keys) {
        var event = (UserRegistered) CODEC.decode(envelope);
        var subject = UUID.fromString(event.userId());
        return open(keys, subject, event.name()) + open(keys, subject, event.email())
                + open(keys, subject, event.address());
    }

    /**
     * A consumer's key cache as notification-service configures it, empty. Its key store answers from memory: the
     * gRPC round trip to user-service's {@code GetDataKeys} that a new key costs is not in what it measures.
     */
    DataKeyCache emptyKeyCache() {
        return new DataKeyCache(ids -> CompletableFuture.completedFuture(Map.copyOf(
                ids.stream().collect(Collectors.toMap(id -> id, keyStore::get)))), KEY_EXPIRY,
                MAX_KEYS);
    }

    private static String open(DataKeyCache keys, UUID subject, PersonalField field) {
        return keys.open(subject, field.sealed()).toCompletableFuture().join().textOrErased();
    }

    private static PersonalField seal(DataKey key, String clearText) {
        return PersonalField.sealed(PersonalData.seal(key, clearText));
    }

    /** PostgreSQL keeps microseconds: the relay sends the time it reads back. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
