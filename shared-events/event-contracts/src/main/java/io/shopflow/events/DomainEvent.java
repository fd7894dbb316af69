package io.shopflow.events;

/**
 * A fact that happened to one aggregate, in the past tense (OrderPlaced, StockReserved). Implemented by
 * immutable records annotated with {@link EventType}; the record is always the <em>current</em> version of the
 * event, older stored versions reach it through the upcasters registered in {@link EventCatalog}.
 */
public interface DomainEvent {

    /** The id of the aggregate the event belongs to: Kafka key, stream id and CloudEvents subject. */
    String aggregateId();
}
