package io.shopflow.problems;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** A JSON string no field accepts (see {@link StrictJson}); {@link #reason} says why, for the field's error. */
public class UnacceptableTextException extends MismatchedInputException {

    private final String reason;

    UnacceptableTextException(JsonParser parser, String reason) {
        super(parser, "A string " + reason);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
