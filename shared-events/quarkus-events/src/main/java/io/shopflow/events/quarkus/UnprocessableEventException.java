package io.shopflow.events.quarkus;

/**
 * A well-formed event that this consumer can never process, whatever the retries: it references an order,
 * payment or product this service does not know. {@link IdempotentConsumer} does not retry it; it goes to the
 * dead-letter topic at once, with this message as the reason, and the partition moves on.
 */
public class UnprocessableEventException extends RuntimeException {

    public UnprocessableEventException(String message) {
        super(message);
    }
}
