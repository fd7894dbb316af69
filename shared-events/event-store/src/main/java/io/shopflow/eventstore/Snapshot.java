package io.shopflow.eventstore;

/** An aggregate's state as of {@code version} of its stream. */
public record Snapshot<S>(long version, S state) {
}
