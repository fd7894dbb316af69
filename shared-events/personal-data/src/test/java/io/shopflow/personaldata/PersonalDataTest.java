package io.shopflow.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PersonalDataTest {

    private static final String EMAIL = "ada@example.com";

    private final InMemoryDataKeys keys = new InMemoryDataKeys();
    private final UUID ada = UUID.randomUUID();
    private final UUID grace = UUID.randomUUID();

    @Test
    void a_sealed_field_opens_to_its_clear_text_and_shows_none_of_it() {
        String sealed = seal(ada, EMAIL);

        assertThat(sealed.split("\\.", -1)).as("a JWE in compact serialization has five parts").hasSize(5);
        assertThat(sealed).doesNotContain(EMAIL).doesNotContain("ada");
        assertThat(header(sealed)).contains("\"alg\":\"dir\"").contains("\"enc\":\"A256GCM\"")
                .contains("\"kid\":\"" + ada + "/1\"");
        assertThat(open(ada, sealed)).isEqualTo(new Opened.Clear(EMAIL));
    }

    @Test
    void the_same_text_sealed_twice_gives_two_envelopes() {
        assertThat(seal(ada, EMAIL)).isNotEqualTo(seal(ada, EMAIL));
    }

    @Test
    void once_the_key_is_destroyed_every_envelope_of_that_person_opens_as_erased() {
        String email = seal(ada, EMAIL);
        keys.rotate(ada);
        String address = seal(ada, "12 St James Square");
        String gracesEmail = seal(grace, "grace@example.com");

        keys.destroy(ada);

        assertThat(open(ada, email)).isEqualTo(new Opened.Erased());
        assertThat(open(ada, address).textOrErased()).isEqualTo(Opened.ERASED);
        assertThat(open(grace, gracesEmail).text()).contains("grace@example.com");
    }

    @Test
    void a_rotated_key_seals_what_comes_next_and_the_older_version_still_opens_what_it_sealed() {
        String before = seal(ada, EMAIL);

        keys.rotate(ada);
        String after = seal(ada, "ada@lovelace.example");

        assertThat(header(after)).contains("\"kid\":\"" + ada + "/2\"");
        assertThat(open(ada, before).text()).contains(EMAIL);
        assertThat(open(ada, after).text()).contains("ada@lovelace.example");
    }

    @Test
    void an_altered_envelope_is_refused() {
        String sealed = seal(ada, EMAIL);
        String[] parts = sealed.split("\\.", -1);
        byte[] ciphertext = Base64.getUrlDecoder().decode(parts[3]);
        ciphertext[0] ^= 1;
        parts[3] = Base64.getUrlEncoder().withoutPadding().encodeToString(ciphertext);

        assertThatThrownBy(() -> open(ada, String.join(".", parts)))
                .isInstanceOf(TamperedPersonalDataException.class).hasMessageContaining("does not open");
    }

    @Test
    void a_header_rewritten_to_name_another_version_is_refused() {
        keys.rotate(ada);
        String sealed = seal(ada, EMAIL);
        String[] parts = sealed.split("\\.", -1);
        parts[0] = Base64.getUrlEncoder().withoutPadding().encodeToString(header(sealed)
                .replace(ada + "/2", ada + "/1").getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> open(ada, String.join(".", parts)))
                .isInstanceOf(TamperedPersonalDataException.class);
    }

    @Test
    void another_persons_envelope_is_refused_rather_than_read_as_theirs() {
        String gracesEmail = seal(grace, "grace@example.com");

        assertThatThrownBy(() -> open(ada, gracesEmail))
                .isInstanceOf(TamperedPersonalDataException.class).hasMessageContaining("sealed for " + grace);
    }

    @Test
    void an_envelope_naming_a_key_that_never_existed_is_refused_not_taken_for_erased() {
        String sealed = PersonalData.seal(new InMemoryDataKeys().current(ada), EMAIL);

        assertThatThrownBy(() -> open(ada, sealed))
                .isInstanceOf(TamperedPersonalDataException.class).hasMessageContaining("never existed");
    }

    @Test
    void text_that_is_no_envelope_is_refused() {
        assertThatThrownBy(() -> open(ada, EMAIL)).isInstanceOf(TamperedPersonalDataException.class);
        assertThatThrownBy(() -> open(ada, "")).isInstanceOf(TamperedPersonalDataException.class);
    }

    @Test
    void a_key_never_shows_its_bytes() {
        var key = keys.current(ada);

        assertThat(key.toString()).isEqualTo("DataKey[" + ada + "/1]");
    }

    private String seal(UUID subject, String clearText) {
        return PersonalData.seal(keys.current(subject), clearText);
    }

    /** As a service opens a field: the envelope names its key, the store is asked, the envelope opened with that. */
    private Opened open(UUID subject, String sealed) {
        return PersonalData.open(subject, sealed, keys.find(PersonalData.keyOf(subject, sealed)));
    }

    private static String header(String sealed) {
        return new String(Base64.getUrlDecoder().decode(sealed.substring(0, sealed.indexOf('.'))),
                StandardCharsets.UTF_8);
    }
}
