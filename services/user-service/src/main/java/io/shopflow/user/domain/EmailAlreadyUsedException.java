package io.shopflow.user.domain;

import io.shopflow.problems.AlreadyExistsException;

public class EmailAlreadyUsedException extends AlreadyExistsException {
    public EmailAlreadyUsedException(String email) {
        super("email-taken", "The email is already registered", "The email " + email + " is already registered");
    }
}
