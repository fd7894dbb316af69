package io.shopflow.user.domain;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A partial update: a null field stays as it is; a present one obeys the same rules as in {@link NewUser}. */
public record UserChanges(@PersonName String name, @EmailAddress String email, @PostalAddress String address) {

    @Schema(hidden = true) // a question asked of the changes, not a field of the body
    public boolean isEmpty() {
        return name == null && email == null && address == null;
    }
}
