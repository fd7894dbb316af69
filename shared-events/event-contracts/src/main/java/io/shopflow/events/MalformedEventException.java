package io.shopflow.events;

/**
 * An event that can never be read, whatever the retries: bad envelope, payload that is not JSON or does
 * not fit its type, unknown type or a version newer than this code knows. Consumers dead-letter it at once.
 */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
