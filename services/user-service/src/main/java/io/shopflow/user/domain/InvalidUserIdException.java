package io.shopflow.user.domain;

import io.shopflow.events.CanonicalUuid;
import io.shopflow.problems.InvalidFieldException;
import java.util.UUID;

/** A user id that is not a UUID: bad input, not a missing user. */
public class InvalidUserIdException extends InvalidFieldException {
    private InvalidUserIdException(String field, String raw) {
        super(field, "'" + raw + "' is not a user id (expected a UUID)");
    }

    /** {@code raw}, the request's {@code id}, as a user id. */
    public static UUID parse(String raw) {
        return parse("id", raw);
    }

    /** {@code raw}, the request's {@code field} (e.g. {@code ids[2]}), as a user id. */
    public static UUID parse(String field, String raw) {
        return CanonicalUuid.parse(raw).orElseThrow(() -> new InvalidUserIdException(field, raw));
    }
}
