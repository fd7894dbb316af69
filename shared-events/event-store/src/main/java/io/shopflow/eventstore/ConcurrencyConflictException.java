package io.shopflow.eventstore;

/**
 * Another writer appended to the stream since the caller read it at {@code expectedVersion}. Nothing was
 * written; reload the aggregate and retry the command, or answer 409.
 */
public class ConcurrencyConflictException extends RuntimeException {

    private final String streamId;
    private final long expectedVersion;

    public ConcurrencyConflictException(String streamId, long expectedVersion) {
        super("Stream " + streamId + " is no longer at version " + expectedVersion);
        this.streamId = streamId;
        this.expectedVersion = expectedVersion;
    }

    public String streamId() {
        return streamId;
    }

    public long expectedVersion() {
        return expectedVersion;
    }
}
