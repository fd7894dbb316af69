package io.shopflow.problems;

import java.util.List;

/**
 * One field of the request is invalid in a way bean validation cannot see (an id that is not a UUID, a list
 * longer than a batch allows): answered like a validation failure, 400 with the field named.
 */
public class InvalidFieldException extends RuntimeException {

    private final String field;

    public InvalidFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    List<FieldError> toFieldErrors() {
        return List.of(new FieldError(field, getMessage()));
    }
}
