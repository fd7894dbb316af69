package io.shopflow.callers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallerTest {

    private static final Object PAYMENT = new Object();

    @Test
    void the_owner_reads_their_object_and_another_caller_is_refused() {
        assertThat(new Caller(Optional.of("ada"), false).mayRead(PAYMENT, "ada")).isSameAs(PAYMENT);
        assertThatThrownBy(() -> new Caller(Optional.of("bob"), false).mayRead(PAYMENT, "ada"))
                .isInstanceOf(NotYoursException.class);
    }

    @Test
    void an_admin_reads_anyones_object() {
        assertThat(new Caller(Optional.of("support"), true).mayRead(PAYMENT, "ada")).isSameAs(PAYMENT);
    }

    @Test
    void no_caller_owns_nothing_not_even_an_object_without_an_owner() {
        assertThatThrownBy(() -> new Caller(Optional.empty(), false).mayRead(PAYMENT, "ada"))
                .isInstanceOf(NotYoursException.class);
        assertThatThrownBy(() -> new Caller(Optional.empty(), false).mayRead(PAYMENT, null))
                .isInstanceOf(NotYoursException.class);
    }
}
