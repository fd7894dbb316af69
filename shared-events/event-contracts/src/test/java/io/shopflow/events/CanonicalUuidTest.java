package io.shopflow.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class CanonicalUuidTest {

    @Test
    void an_id_written_in_full_is_read_in_either_case() {
        var id = UUID.randomUUID();

        assertThat(CanonicalUuid.parse(id.toString())).contains(id);
        assertThat(CanonicalUuid.parse(id.toString().toUpperCase())).contains(id);
    }

    @Test
    void text_that_uuid_from_string_would_read_as_another_id_is_refused() {
        assertThat(UUID.fromString("1-1-1-1-1")).as("what the JDK does")
                .isEqualTo(UUID.fromString("00000001-0001-0001-0001-000000000001"));

        var refused = new String[] {"1-1-1-1-1", "0000000001-0001-0001-0001-0000000001",
                "+0000001-0001-0001-0001-000000000001", "00000001-0001-0001-0001-00000000000g",
                "00000001000100010001000000000001", "", " " + UUID.randomUUID(), "00000001-0001-0001-0001-0000000000001"};
        for (String text : refused) {
            assertThat(CanonicalUuid.parse(text)).as(text).isEmpty();
        }
        assertThat(CanonicalUuid.parse(null)).isEmpty();
    }
}
