package io.shopflow.user.api;

import io.shopflow.user.domain.UserChanges;
import jakarta.validation.constraints.NotNull;

/**
 * A PUT body. It only demands that every field be present; the rules for each field's value live with
 * {@link UserChanges} and are checked by the directory.
 */
public record UserReplacement(@NotNull String name, @NotNull String email, @NotNull String address) {

    UserChanges toChanges() {
        return new UserChanges(name, email, address);
    }
}
