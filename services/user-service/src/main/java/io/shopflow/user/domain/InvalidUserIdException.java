package io.shopflow.user.domain;

import java.util.UUID;

/** A user id that is not a UUID: bad input, not a missing user. */
public class InvalidUserIdException extends RuntimeException {
    private InvalidUserIdException(String raw) {
        super("'" + raw + "' is not a user id (expected a UUID)");
    }

    public static UUID parse(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidUserIdException(raw);
        }
    }
}
