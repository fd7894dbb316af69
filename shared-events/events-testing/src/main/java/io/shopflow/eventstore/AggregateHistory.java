package io.shopflow.eventstore;

import io.shopflow.events.DomainEvent;

/**
 * The "given" of given-events / when-command / then-events tests of an aggregate, without a store: the history is
 * replayed the way {@link AggregateRepository} loads a stream (versions 1, 2, ...), so the command under test
 * decides on exactly the state production would have, and {@link EventSourcedAggregate#uncommittedEvents()} is
 * the "then". In the aggregate's package because replaying is the repository's business, not the public API's.
 */
public final class AggregateHistory {

    private AggregateHistory() {
    }

    /** {@code aggregate} as loaded from a stream holding {@code history}, oldest first, with nothing new recorded. */
    public static <A extends EventSourcedAggregate<?>> A given(A aggregate, DomainEvent... history) {
        long version = 0;
        for (var event : history) {
            aggregate.replay(event, ++version);
        }
        return aggregate;
    }
}
