package io.shopflow.eventstore.relay;

import java.time.Duration;

/**
 * How a relay works through the outbox.
 *
 * @param batchSize the most rows published per transaction: bigger batches mean fewer round trips, and at most
 *                  this many events are published twice when a relay dies mid-batch
 * @param idleWait  how often the relay samples its backlog, and wakes its workers for events that waited longer
 *                  (written by another process, which woke its own relay, if any, not this one)
 * @param workers   how many batches one relay publishes at once, each on a thread and a connection of its own and
 *                  with lanes of its own: while one batch waits for Kafka's acknowledgements or the database, another
 *                  is read or sent
 */
public record RelaySettings(int batchSize, Duration idleWait, int workers) {

    public RelaySettings {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        if (idleWait.isNegative() || idleWait.isZero()) {
            throw new IllegalArgumentException("idleWait must be positive, was " + idleWait);
        }
        if (workers < 1 || workers > OutboxBatches.LANES) {
            throw new IllegalArgumentException("workers must be between 1 and the " + OutboxBatches.LANES
                    + " lanes, was " + workers);
        }
    }
}
