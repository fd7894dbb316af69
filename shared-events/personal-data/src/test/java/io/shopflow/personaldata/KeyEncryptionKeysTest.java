package io.shopflow.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KeyEncryptionKeysTest {

    private final KeyEncryptionKey old = new KeyEncryptionKey("kek-1", filled((byte) 1));
    private final KeyEncryptionKey replacement = new KeyEncryptionKey("kek-2", filled((byte) 2));
    private final DataKey adas = DataKey.generate(new KeyId(UUID.randomUUID(), 1));

    @Test
    void while_replacing_keys_wrapped_by_either_unwrap_and_new_ones_are_wrapped_by_the_new_key_encryption_key() {
        var keys = new KeyEncryptionKeys(replacement, List.of(old));
        String wrappedBefore = old.wrap(adas);

        assertThat(keys.unwrap(adas.id(), wrappedBefore)).isEqualTo(adas);
        assertThat(keys.isCurrent(wrappedBefore)).isFalse();
        assertThat(replacement.unwrap(adas.id(), keys.wrap(adas))).isEqualTo(adas);
        assertThat(keys.isCurrent(keys.wrap(adas))).isTrue();
    }

    @Test
    void rewrapping_keeps_the_data_key_so_what_it_sealed_still_opens_and_needs_no_retired_key_afterwards() {
        String sealed = PersonalData.seal(adas, "Ada Lovelace");
        String rewrapped = new KeyEncryptionKeys(replacement, List.of(old)).rewrap(adas.id(), old.wrap(adas));

        var afterwards = new KeyEncryptionKeys(replacement, List.of());
        var key = afterwards.unwrap(adas.id(), rewrapped);

        assertThat(afterwards.isCurrent(rewrapped)).isTrue();
        assertThat(key).isEqualTo(adas);
        assertThat(PersonalData.open(adas.id().subject(), sealed, new KeyLookup.Found(key)).textOrErased())
                .isEqualTo("Ada Lovelace");
    }

    @Test
    void a_key_wrapped_by_a_key_encryption_key_no_longer_configured_or_no_wrapped_key_at_all_is_refused() {
        String wrappedBefore = old.wrap(adas);

        assertThatThrownBy(() -> new KeyEncryptionKeys(replacement, List.of()).unwrap(adas.id(), wrappedBefore))
                .isInstanceOf(TamperedPersonalDataException.class).hasMessageContaining("kek-1");
        assertThatThrownBy(() -> new KeyEncryptionKeys(replacement, List.of(old)).unwrap(adas.id(), "not a key"))
                .isInstanceOf(TamperedPersonalDataException.class);
        var namesake = new KeyEncryptionKey("kek-2", filled((byte) 3));
        assertThatThrownBy(() -> new KeyEncryptionKeys(replacement, List.of(namesake)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] filled(byte value) {
        var bytes = new byte[DataKey.BYTES];
        Arrays.fill(bytes, value);
        return bytes;
    }
}
