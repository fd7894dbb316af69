package io.shopflow.user.domain;

import io.shopflow.problems.InvalidFieldException;
import java.util.UUID;

/** A user id that is not a UUID: bad input, not a missing user. */
public class InvalidUserIdException extends InvalidFieldException {
    private InvalidUserIdException(String raw) {
        super("id", "'" + raw + "' is not a user id (expected a UUID)");
    }

    public static UUID parse(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidUserIdException(raw);
        }
    }
}
