package io.shopflow.eventstore;

import io.shopflow.events.DomainEvent;
import io.shopflow.events.order.Money;
import io.shopflow.events.order.OrderCancelled;
import io.shopflow.events.order.OrderConfirmed;
import io.shopflow.events.order.OrderLine;
import io.shopflow.events.order.OrderPlaced;
import java.util.List;

/** A tiny order aggregate on the platform's real order events, the way order-service will write its own. */
final class TestOrder extends EventSourcedAggregate<TestOrder.State> {

    enum Status { NEW, PLACED, CONFIRMED, CANCELLED }

    record State(Status status, String userId, Money total, String cancelReason) {
        static final State NEW = new State(Status.NEW, null, null, null);
    }

    /** How many events reached {@link #apply} on this instance: tells what a load replayed. */
    private int applied;

    TestOrder(String id) {
        super(id, State.NEW);
    }

    void place(String userId, List<OrderLine> lines, Money total) {
        require(Status.NEW, "place");
        record(new OrderPlaced(id(), userId, lines, total));
    }

    void confirm() {
        require(Status.PLACED, "confirm");
        record(TestEvents.confirmed(id()));
    }

    void cancel(String reason) {
        if (state().status() == Status.NEW || state().status() == Status.CANCELLED) {
            throw new IllegalStateException("Cannot cancel an order that is " + state().status());
        }
        record(TestEvents.cancelled(id(), reason));
    }

    int applied() {
        return applied;
    }

    @Override
    protected State apply(State state, DomainEvent event) {
        applied++;
        if (event instanceof OrderPlaced placed) {
            return new State(Status.PLACED, placed.userId(), placed.total(), null);
        }
        if (event instanceof OrderConfirmed) {
            return new State(Status.CONFIRMED, state.userId(), state.total(), null);
        }
        if (event instanceof OrderCancelled cancelled) {
            return new State(Status.CANCELLED, state.userId(), state.total(), cancelled.reason());
        }
        throw new IllegalArgumentException("An order does not take " + event.getClass().getSimpleName());
    }

    private void require(Status status, String command) {
        if (state().status() != status) {
            throw new IllegalStateException("Cannot " + command + " an order that is " + state().status());
        }
    }
}
