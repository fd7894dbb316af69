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

    /**
     * Reads {@code <subject>/<version>} as {@link #toString()} writes it (the subject's hexadecimal digits in either
     * case); anything else is refused, never guessed at. {@link UUID#fromString} and {@link Integer#parseInt} alone
     * would read "1-1-1-1-1/+01" as another user's key 00000001-0001-0001-0001-000000000001/1, so the text must be
     * the key id written back.
     */
    public static KeyId parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash < 0) {
            throw new TamperedPersonalDataException("The envelope names no data key (kid '" + text + "')");
        }
        try {
            var id = new KeyId(UUID.fromString(text.substring(0, slash)), Integer.parseInt(text.substring(slash + 1)));
            if (id.toString().equalsIgnoreCase(text)) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // refused below, as any other text that is not a key id
        }
        throw new TamperedPersonalDataException("The envelope's kid '" + text + "' is not <subject>/<version>");
    }

    @Override
    public String toString() {
        return subject + "/" + version;
    }
}
