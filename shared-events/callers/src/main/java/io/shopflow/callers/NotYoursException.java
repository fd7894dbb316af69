package io.shopflow.callers;

import io.shopflow.problems.Problem;
import io.shopflow.problems.ProblemException;

/**
 * The caller asked for another's object: 403 {@code forbidden}, as the gateway answers when the owner is named in the
 * request. 403 rather than 404 so that "not yours" reads the same whoever checks it (docs/decisions/0005).
 */
public class NotYoursException extends ProblemException {

    public NotYoursException() {
        super(Problem.FORBIDDEN, "Forbidden", 403, "Only its owner or an admin may use this resource");
    }
}
