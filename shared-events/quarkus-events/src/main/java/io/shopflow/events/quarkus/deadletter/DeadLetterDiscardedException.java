package io.shopflow.events.quarkus.deadletter;

import io.shopflow.problems.ProblemException;

/** A redrive or a second discard of a dead letter an operator discarded: 409 {@code dead-letter-discarded}. */
public class DeadLetterDiscardedException extends ProblemException {

    public DeadLetterDiscardedException(String detail) {
        super("dead-letter-discarded", "The dead letter was discarded", 409, detail);
    }
}
