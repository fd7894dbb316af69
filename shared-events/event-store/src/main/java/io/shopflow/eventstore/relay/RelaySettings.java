package io.shopflow.eventstore.relay;

import java.time.Duration;

/**
 * How a relay works through the outbox.
 *
 * @param batchSize the most rows published per transaction: bigger batches mean fewer round trips, and at most
 *                  this many events are published twice when a relay dies mid-batch
 * @param idleWait  how long an idle relay waits for a NOTIFY before looking anyway (the polling fallback for a
 *                  lost notification or a dropped LISTEN connection)
 */
public record RelaySettings(int batchSize, Duration idleWait) {

    public RelaySettings {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        if (idleWait.isNegative() || idleWait.isZero()) {
            throw new IllegalArgumentException("idleWait must be positive, was " + idleWait);
        }
    }
}
