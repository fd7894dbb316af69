package io.shopflow.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyIdTest {

    private static final UUID ADA = UUID.fromString("3f2b7c1e-9a4d-4e6b-8c2f-1d5e7a9b0c3d");

    @Test
    void a_key_id_reads_back_as_it_is_written_in_either_case() {
        var id = new KeyId(ADA, 2);

        assertThat(KeyId.parse(id.toString())).isEqualTo(id);
        assertThat(KeyId.parse(id.toString().toUpperCase())).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "1-1-1-1-1/1", // UUID.fromString reads it as 00000001-0001-0001-0001-000000000001
            "3f2b7c1e-9a4d-4e6b-8c2f-1d5e7a9b0c3d/+1",
            "3f2b7c1e-9a4d-4e6b-8c2f-1d5e7a9b0c3d/01",
            "3f2b7c1e-9a4d-4e6b-8c2f-1d5e7a9b0c3d/0",
            "3f2b7c1e-9a4d-4e6b-8c2f-1d5e7a9b0c3d/1/2",
            "3f2b7c1e-9a4d-4e6b-8c2f-1d5e7a9b0c3d/",
            "3f2b7c1e-9a4d-4e6b-8c2f-1d5e7a9b0c3d",
            " 3f2b7c1e-9a4d-4e6b-8c2f-1d5e7a9b0c3d/1",
            ""})
    void anything_else_is_refused_never_read_as_another_key(String text) {
        assertThatThrownBy(() -> KeyId.parse(text)).isInstanceOf(TamperedPersonalDataException.class);
    }

    @Test
    void no_text_is_refused() {
        assertThatThrownBy(() -> KeyId.parse(null)).isInstanceOf(TamperedPersonalDataException.class);
    }
}
