package io.shopflow.eventstore;

import io.shopflow.events.EventEnvelope;

/** An event as read back from its stream: the envelope and its position in the stream (1, 2, ...). */
public record RecordedEvent(String streamId, long version, EventEnvelope envelope) {
}
