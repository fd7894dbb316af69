package io.shopflow.eventstore;

import io.shopflow.events.EventEnvelope;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * One envelope attribute across a batch of events, as the array a single {@code unnest} insert binds: batches
 * cost one round trip and one statement, and a multi-row statement keeps the rows in list order.
 */
final class Columns {

    private Columns() {
    }

    static String[] strings(List<EventEnvelope> events, Function<EventEnvelope, String> attribute) {
        return events.stream().map(attribute).toArray(String[]::new);
    }

    static UUID[] ids(List<EventEnvelope> events) {
        return events.stream().map(EventEnvelope::id).toArray(UUID[]::new);
    }

    static Integer[] typeVersions(List<EventEnvelope> events) {
        return events.stream().map(EventEnvelope::typeVersion).toArray(Integer[]::new);
    }

    /** The client binds timestamptz from OffsetDateTime, not Instant. */
    static OffsetDateTime[] times(List<EventEnvelope> events) {
        return events.stream().map(event -> utc(event.time())).toArray(OffsetDateTime[]::new);
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
