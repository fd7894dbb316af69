package io.shopflow.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KeyEncryptionKeyTest {

    private final KeyEncryptionKey kek = new KeyEncryptionKey("kek-1", new byte[DataKey.BYTES]);
    private final DataKey adas = DataKey.generate(new KeyId(UUID.randomUUID(), 1));

    @Test
    void a_wrapped_data_key_unwraps_to_itself_and_shows_none_of_its_bytes() {
        String wrapped = kek.wrap(adas);

        assertThat(wrapped).doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(adas.secret()));
        assertThat(kek.unwrap(adas.id(), wrapped)).isEqualTo(adas);
    }

    @Test
    void a_wrapped_key_stored_under_another_data_key_id_is_refused() {
        String wrapped = kek.wrap(adas);

        assertThatThrownBy(() -> kek.unwrap(new KeyId(UUID.randomUUID(), 1), wrapped))
                .isInstanceOf(TamperedPersonalDataException.class);
        assertThatThrownBy(() -> kek.unwrap(new KeyId(adas.id().subject(), 2), wrapped))
                .isInstanceOf(TamperedPersonalDataException.class);
    }

    @Test
    void another_key_encryption_key_or_an_altered_wrapped_key_opens_nothing() {
        String wrapped = kek.wrap(adas);
        var other = new KeyEncryptionKey("kek-1", filled((byte) 7));
        var parts = wrapped.split("\\.");
        parts[3] = parts[3].charAt(0) == 'A' ? 'B' + parts[3].substring(1) : 'A' + parts[3].substring(1);

        assertThatThrownBy(() -> other.unwrap(adas.id(), wrapped)).isInstanceOf(TamperedPersonalDataException.class);
        assertThatThrownBy(() -> new KeyEncryptionKey("kek-2", new byte[DataKey.BYTES]).unwrap(adas.id(), wrapped))
                .isInstanceOf(TamperedPersonalDataException.class).hasMessageContaining("kek-1");
        assertThatThrownBy(() -> kek.unwrap(adas.id(), String.join(".", parts)))
                .isInstanceOf(TamperedPersonalDataException.class);
    }

    private static byte[] filled(byte value) {
        var bytes = new byte[DataKey.BYTES];
        Arrays.fill(bytes, value);
        return bytes;
    }
}
