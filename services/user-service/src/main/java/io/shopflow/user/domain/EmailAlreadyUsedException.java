package io.shopflow.user.domain;

import io.shopflow.problems.ProblemException;

public class EmailAlreadyUsedException extends ProblemException {
    public EmailAlreadyUsedException(String email) {
        super("email-taken", "The email is already registered", 409, "The email " + email + " is already registered");
    }
}
