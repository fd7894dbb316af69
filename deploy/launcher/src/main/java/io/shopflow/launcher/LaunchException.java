package io.shopflow.launcher;

/** A failure whose message tells the user what went wrong and where to look; printed without a stack trace. */
public final class LaunchException extends RuntimeException {

    LaunchException(String message) {
        super(message);
    }
}
