package io.shopflow.benchmarks;

import java.time.Duration;

/**
 * A service's writers filling the outbox at full speed while a relay empties it.
 *
 * @param writers   the events the writers committed, and how long that took
 * @param leftOver  events still in the outbox when the writers were done
 * @param emptiedIn how long the relay then took to publish those
 */
record WriterRace(Throughput writers, long leftOver, Duration emptiedIn) {
}
