package io.shopflow.personaldata;

import java.util.Optional;

/**
 * A field of personal data as a reader gets it: its clear text, or the fact that its person was erased (their key
 * destroyed). Erased is a defined value a consumer handles like any other, never an exception or a dead letter.
 */
public sealed interface Opened {

    /** What a reader shows or stores in place of an erased person's data. */
    String ERASED = "[erased]";

    record Clear(String clearText) implements Opened {
    }

    record Erased() implements Opened {
    }

    /** The clear text, if the person was not erased. */
    default Optional<String> text() {
        return this instanceof Clear clear ? Optional.of(clear.clearText()) : Optional.empty();
    }

    /** The clear text, or {@link #ERASED}. */
    default String textOrErased() {
        return text().orElse(ERASED);
    }
}
