package io.shopflow.user.domain;

/** A partial update: a null field stays as it is; a present one obeys the same rules as in {@link NewUser}. */
public record UserChanges(@PersonName String name, @EmailAddress String email, @PostalAddress String address) {

    public boolean isEmpty() {
        return name == null && email == null && address == null;
    }
}
