package io.shopflow.problems;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** A JSON string that holds a NUL character, which no field accepts (see {@link NulCharacters}). */
public class NulCharacterException extends MismatchedInputException {

    NulCharacterException(JsonParser parser) {
        super(parser, "A string holds a NUL character");
    }
}
