package io.shopflow.events;

import java.util.Optional;
import java.util.UUID;

/**
 * Ids as the platform writes them: 36 characters, 8-4-4-4-12 hexadecimal digits, in either case.
 * {@link UUID#fromString} also takes shorter groups ("1-1-1-1-1" is read as 00000001-0001-0001-0001-000000000001),
 * so text naming no id would be taken for another. The services read the ids of requests (REST paths, gRPC fields)
 * and of records (CloudEvents ids, order ids in events) through here, and refuse such text instead.
 */
public final class CanonicalUuid {

    private static final int LENGTH = 36;

    private CanonicalUuid() {
    }

    /** {@code text} as a UUID if it is one written in full; empty for anything else, null included. */
    public static Optional<UUID> parse(String text) {
        if (text == null || text.length() != LENGTH) {
            return Optional.empty();
        }
        try {
            var uuid = UUID.fromString(text);
            return uuid.toString().equalsIgnoreCase(text) ? Optional.of(uuid) : Optional.empty();
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty();
        }
    }
}
