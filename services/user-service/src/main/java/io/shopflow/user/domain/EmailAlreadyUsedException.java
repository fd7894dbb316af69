package io.shopflow.user.domain;

public class EmailAlreadyUsedException extends RuntimeException {
    public EmailAlreadyUsedException(String email) {
        super("The email " + email + " is already registered");
    }
}
