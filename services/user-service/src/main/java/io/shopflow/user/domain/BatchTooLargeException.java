package io.shopflow.user.domain;

import io.shopflow.problems.InvalidFieldException;

public class BatchTooLargeException extends InvalidFieldException {
    public BatchTooLargeException(int requested, int limit) {
        super("ids", "A batch may ask for at most " + limit + " users, not " + requested);
    }
}
