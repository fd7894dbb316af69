package io.shopflow.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopflow.events.user.UserRegistered;
import io.shopflow.events.user.UserUpdated;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Personal fields as the contracts declare them: sealed on the wire, v1's clear text upcast and marked as such. */
class PersonalFieldTest {

    private final EventCodec codec = new EventCodec(PlatformEvents.catalog());

    @Test
    void a_v2_user_event_carries_its_personal_fields_sealed_never_in_clear_text() {
        var registered = new UserRegistered(SampleEvents.USER_ID, SampleEvents.sealed("Ada Lovelace"),
                SampleEvents.sealed("ada@example.com"), SampleEvents.sealed("London"));

        var data = codec.encode(registered, EventMetadata.startOf("c", null), "//shopflow/test").data();

        assertThat(data).doesNotContain("Ada", "ada@example.com", "London")
                .contains("\"name\":\"" + registered.name().sealed() + "\"");
    }

    @Test
    void a_v1_registration_reads_as_v2_with_its_clear_text_marked_as_from_before_sealing() {
        var event = (UserRegistered) codec.decode("UserRegistered", 1, SampleEvents.USER_REGISTERED_V1);

        assertThat(event.userId()).isEqualTo(SampleEvents.USER_ID);
        assertThat(event.name()).isEqualTo(PersonalField.clearTextBeforeSealing("Ada Lovelace"));
        assertThat(event.email().clearTextBeforeSealing()).isEqualTo("ada@example.com");
        assertThat(event.address().envelope()).isEmpty();
    }

    @Test
    void a_v1_update_reads_as_v2_and_keeps_what_is_not_personal() {
        var event = (UserUpdated) codec.decode("UserUpdated", 1, SampleEvents.USER_UPDATED_V1);

        assertThat(event.address()).isEqualTo(PersonalField.clearTextBeforeSealing("Paris"));
        assertThat(event.credit()).isEqualTo(new BigDecimal("70.00"));
        assertThat(event.version()).isEqualTo(3);
    }

    @Test
    void clear_text_cannot_pass_for_a_sealed_field_and_is_not_echoed() {
        assertThatThrownBy(() -> PersonalField.sealed("Ada Lovelace"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("Ada");
        assertThatThrownBy(() -> codec.decode("UserRegistered", 2, """
                {"userId": "%s", "name": "Ada Lovelace", "email": "ada@example.com", "address": "London"}"""
                .formatted(SampleEvents.USER_ID)))
                .isInstanceOf(MalformedEventException.class);
    }

    @Test
    void a_field_is_either_sealed_or_clear_text_from_before_sealing_and_its_text_stays_out_of_logs() {
        assertThatThrownBy(() -> new PersonalField(null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(PersonalField.clearTextBeforeSealing("Ada Lovelace").toString()).doesNotContain("Ada");
        assertThat(new UserRegistered(SampleEvents.USER_ID, PersonalField.clearTextBeforeSealing("Ada Lovelace"),
                SampleEvents.sealed("a@b.c"), SampleEvents.sealed("x")).toString()).doesNotContain("Ada");
    }
}
