package io.shopflow.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The consumer's cache of keys: what it answers, and how long a destroyed key can still open something here. */
class DataKeyCacheTest {

    private static final Duration EXPIRY = Duration.ofMinutes(5);

    private final InMemoryDataKeys store = new InMemoryDataKeys();
    private final AtomicInteger fetches = new AtomicInteger();
    private final AtomicLong nanos = new AtomicLong();
    private final DataKeyCache cache = new DataKeyCache(this::fetch, EXPIRY, 1_000, nanos::get);
    private final UUID ada = UUID.randomUUID();

    private CompletableFuture<Map<KeyId, KeyLookup>> fetch(Set<KeyId> ids) {
        fetches.incrementAndGet();
        var answers = new HashMap<KeyId, KeyLookup>();
        ids.forEach(id -> answers.put(id, store.find(id)));
        return CompletableFuture.completedFuture(answers);
    }

    private Opened open(UUID subject, String sealed) {
        return cache.open(subject, sealed).toCompletableFuture().join();
    }

    @Test
    void a_key_is_fetched_once_and_opens_every_field_it_sealed() {
        String name = PersonalData.seal(store.current(ada), "Ada Lovelace");
        String email = PersonalData.seal(store.current(ada), "ada@example.com");

        assertThat(open(ada, name)).isEqualTo(new Opened.Clear("Ada Lovelace"));
        assertThat(open(ada, email)).isEqualTo(new Opened.Clear("ada@example.com"));
        assertThat(fetches).hasValue(1);
    }

    @Test
    void a_destroyed_key_still_opens_here_until_it_expires_or_is_forgotten_never_later() {
        String name = PersonalData.seal(store.current(ada), "Ada Lovelace");
        open(ada, name);
        store.destroy(ada);

        assertThat(open(ada, name)).as("within the expiry, a cached key").isEqualTo(new Opened.Clear("Ada Lovelace"));
        nanos.addAndGet(EXPIRY.plusSeconds(1).toNanos());
        assertThat(open(ada, name)).as("past the expiry").isEqualTo(new Opened.Erased());
    }

    @Test
    void forgetting_a_person_on_their_erasure_ends_it_at_once_and_spares_the_others() {
        var grace = UUID.randomUUID();
        String adas = PersonalData.seal(store.current(ada), "Ada Lovelace");
        String graces = PersonalData.seal(store.current(grace), "Grace Hopper");
        open(ada, adas);
        open(grace, graces);
        store.destroy(ada);

        cache.forget(ada);

        assertThat(open(ada, adas)).isEqualTo(new Opened.Erased());
        assertThat(open(grace, graces).text()).contains("Grace Hopper");
        assertThat(fetches).as("Grace's key stayed").hasValue(3);
    }

    @Test
    void a_tampered_envelope_or_a_key_that_never_existed_fails_the_stage_loudly() {
        String name = PersonalData.seal(store.current(ada), "Ada Lovelace");
        String forged = PersonalData.seal(DataKey.generate(new KeyId(ada, 7)), "Eve");

        assertThatThrownBy(() -> open(ada, name.substring(0, name.length() - 2) + "AA"))
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(TamperedPersonalDataException.class);
        assertThatThrownBy(() -> open(ada, forged))
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(TamperedPersonalDataException.class);
        assertThatThrownBy(() -> open(UUID.randomUUID(), name))
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(TamperedPersonalDataException.class);
    }
}
