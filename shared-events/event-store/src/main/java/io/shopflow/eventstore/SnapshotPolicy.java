package io.shopflow.eventstore;

/**
 * How an aggregate's state is snapshotted.
 *
 * @param stateType    the state class, written and read as JSON
 * @param stateVersion the shape of that class; bump it when the class changes incompatibly, and older snapshots
 *                     are ignored (the events are replayed instead, and the next snapshot has the new shape)
 * @param everyEvents  a snapshot is taken whenever a save brings the stream past a multiple of this
 */
public record SnapshotPolicy<S>(Class<S> stateType, int stateVersion, int everyEvents) {

    public SnapshotPolicy {
        if (everyEvents < 1) {
            throw new IllegalArgumentException("everyEvents must be 1 or more, was " + everyEvents);
        }
    }

    /** Whether a save from {@code fromVersion} to {@code toVersion} crossed a multiple of {@link #everyEvents}. */
    boolean due(long fromVersion, long toVersion) {
        return toVersion / everyEvents > fromVersion / everyEvents;
    }
}
