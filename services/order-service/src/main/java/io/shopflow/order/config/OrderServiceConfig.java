package io.shopflow.order.config;

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

    /**
     * The deadline each gRPC call to another service carries (the grpc-timeout header): the server can stop working
     * on a call nobody waits for, and a slow instance is told apart from a failing one. Kept inside the
     * fault-tolerance timeout of the client beans, so the deadline, not the timeout, ends a slow attempt.
     */
    Duration callDeadline();

    /** A snapshot of an order's state every this many events (an order has at most six, so rarely). */
    int snapshotEvery();

    Deadline deadline();

    IdempotencyKeys idempotencyKeys();

    UserLookups userLookups();

    ViewRebuild viewRebuild();

    /** Rebuilding the orders read model from the event store while the service runs. */
    interface ViewRebuild {
        /**
         * Orders rewritten per transaction: each page holds its orders' locks until it commits, so the saga's
         * consumers wait for at most one page.
         */
        int pageSize();

        /** A running rebuild whose progress has not moved for this long counts as interrupted, and may be restarted. */
        Duration staleAfter();
    }

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

    interface UserLookups {
        /** Single lookups made within this time of each other go to user-service as one GetUsers batch. */
        Duration batchWindow();

        /** Most ids per batch; user-service refuses more than its max-batch-size (500). */
        int batchSize();

        /** How long a user is kept without news of it; UserUpdated events refresh it sooner. */
        Duration cacheTtl();

        /** Most users kept (in process only; Redis keeps what its own memory policy allows). */
        long cacheSize();

        /** Where users are kept: in each replica's memory, or in Redis shared by all replicas. */
        CacheStore cacheStore();

        /** The Redis to keep them in when {@link #cacheStore()} is {@code redis}, e.g. {@code redis://localhost:6379}. */
        String redisUrl();

        enum CacheStore {
            MEMORY, REDIS
        }
    }
}
