package io.shopflow.events.quarkus;

import io.shopflow.events.DomainEvent;
import io.shopflow.events.EventEnvelope;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;

/** A record of a batch, decoded: its envelope and the event in its current version, for a handler of this consumer. */
record Delivery(IncomingKafkaRecord<String, byte[]> record, EventEnvelope envelope, DomainEvent event) {
}
