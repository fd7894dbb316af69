package io.shopflow.events;

/**
 * An event of one order's saga, whichever service wrote it: {@link #orderId()} names the order, whatever the
 * event's own aggregate is (a payment's, a shipment's). For consumers that lock or look up the order an event is
 * about without knowing each type.
 */
public interface SagaEvent extends DomainEvent {

    String orderId();
}
