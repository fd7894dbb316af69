package io.shopflow.personaldata;

import java.util.UUID;

/**
 * Names a version of a person's data key: {@code <subject>/<version>}, the subject being the person's user id (a
 * UUID, not personal data itself: it stays in events after erasure as their other ids do). It travels in each
 * envelope's {@code kid} header, so a reader knows whose key opens it and which version.
 */
public record KeyId(UUID subject, int version) {

    public KeyId {
        if (version < 1) {
            throw new IllegalArgumentException("A key version starts at 1, was " + version);
        }
    }

    /** Reads {@code <subject>/<version>}; anything else is refused, never guessed at. */
    public static KeyId parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash < 0) {
            throw new TamperedPersonalDataException("The envelope names no data key (kid '" + text + "')");
        }
        try {
            return new KeyId(UUID.fromString(text.substring(0, slash)), Integer.parseInt(text.substring(slash + 1)));
        } catch (IllegalArgumentException e) {
            throw new TamperedPersonalDataException("The envelope's kid '" + text + "' is not <subject>/<version>");
        }
    }

    @Override
    public String toString() {
        return subject + "/" + version;
    }
}
