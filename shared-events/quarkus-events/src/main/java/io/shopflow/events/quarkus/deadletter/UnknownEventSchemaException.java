package io.shopflow.events.quarkus.deadletter;

import io.shopflow.problems.ProblemException;

/**
 * A redrive of an event this service cannot read (a type or version it does not know, a record that is no
 * CloudEvent): it would only be dead-lettered again. 422 {@code unknown-event-schema}; deploy a version that knows
 * it, then redrive, or discard it.
 */
public class UnknownEventSchemaException extends ProblemException {

    public UnknownEventSchemaException(String detail) {
        super("unknown-event-schema", "The event's schema is unknown to this service", 422, detail);
    }
}
