package io.shopflow.order.domain;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

@ConfigMapping(prefix = "shopflow.order")
public interface OrderServiceConfig {

    /** Most lines one order may have: bigger orders are refused before anything is asked of other services. */
    int maxLines();

    /** Most units of one sku per line. */
    int maxQuantity();

    /** Largest page of the order list. */
    int maxPageSize();

    /** What a 503 tells clients to wait when a service an order needs is unavailable. */
    Duration retryAfter();

    /** A snapshot of an order's state every this many events (an order has at most six, so rarely). */
    int snapshotEvery();

    Deadline deadline();

    IdempotencyKeys idempotencyKeys();

    interface Deadline {
        /** An order that is neither CONFIRMED nor CANCELLED this long after it was placed is cancelled. */
        Duration after();

        /** How often overdue orders are looked for. */
        Duration sweepEvery();

        /** Most overdue orders cancelled per transaction. */
        int batchSize();
    }

    interface IdempotencyKeys {
        /** How long a key is remembered: a client retrying later than this places a new order. */
        Duration retention();

        Duration purgeEvery();
    }
}
