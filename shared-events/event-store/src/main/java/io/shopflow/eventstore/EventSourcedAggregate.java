package io.shopflow.eventstore;

import io.shopflow.events.DomainEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * An aggregate whose state is the fold of its events. Subclasses keep their state in an immutable value
 * {@code S}, evolve it in {@link #apply} (no checks there: the event already happened), and decide in command
 * methods, which check the rules against {@link #state()} and {@link #record} the resulting events.
 * {@link AggregateRepository} loads and saves it.
 */
public abstract class EventSourcedAggregate<S> {

    private final String id;
    private final List<DomainEvent> uncommitted = new ArrayList<>();
    private S state;
    private long version;

    protected EventSourcedAggregate(String id, S initialState) {
        this.id = id;
        this.state = initialState;
    }

    /** The state after {@code event}; called for new events and when replaying stored ones. */
    protected abstract S apply(S state, DomainEvent event);

    /** Records a new event: the state moves on at once, the event is saved by the repository. */
    protected final void record(DomainEvent event) {
        if (!id.equals(event.aggregateId())) {
            throw new IllegalArgumentException(event.getClass().getSimpleName() + " of " + event.aggregateId()
                    + " recorded on aggregate " + id);
        }
        state = apply(state, event);
        uncommitted.add(event);
    }

    public final String id() {
        return id;
    }

    public final S state() {
        return state;
    }

    /** The stream version this aggregate was loaded or last saved at: 0 for one that has no events yet. */
    public final long version() {
        return version;
    }

    /** Events recorded since the aggregate was loaded or last saved, oldest first. */
    public final List<DomainEvent> uncommittedEvents() {
        return List.copyOf(uncommitted);
    }

    final void restore(Snapshot<S> snapshot) {
        state = snapshot.state();
        version = snapshot.version();
    }

    final void replay(DomainEvent event, long eventVersion) {
        state = apply(state, event);
        version = eventVersion;
    }

    final void markSaved(long newVersion) {
        uncommitted.clear();
        version = newVersion;
    }
}
