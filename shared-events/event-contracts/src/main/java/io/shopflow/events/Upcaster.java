package io.shopflow.events;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Rewrites the payload of one event type from version N to N+1: rename a field, add one with a default,
 * restructure. Upcasters chain (v1 -> v2 -> v3), so stored events are never rewritten and every reader sees
 * the current version. They work on JSON trees, because the older records no longer exist as classes.
 */
@FunctionalInterface
public interface Upcaster {

    /** Returns the payload in the next version; it may change and return {@code payload} itself. */
    ObjectNode upcast(ObjectNode payload);
}
