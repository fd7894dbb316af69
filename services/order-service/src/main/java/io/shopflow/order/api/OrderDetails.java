package io.shopflow.order.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.shopflow.order.persistence.OrderViews.OrderView;
import java.time.Instant;
import java.util.List;

/** One order (its fields at the top level) with its history: every event of its stream, oldest first. */
public record OrderDetails(@JsonUnwrapped OrderView order, List<HistoryEntry> history) {

    /** One event of the order: its type (e.g. {@code OrderPlaced}), position in the stream and time. */
    public record HistoryEntry(String event, long version, Instant at, String source) {
    }
}
