package io.shopflow.user.domain;

public class BatchTooLargeException extends RuntimeException {
    public BatchTooLargeException(int requested, int limit) {
        super("A batch may ask for at most " + limit + " users, not " + requested);
    }
}
