package io.shopflow.events.quarkus;

import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * How far one consumer group is behind on one partition: the records after its committed offset, and how long the
 * oldest of them has waited (zero when none waits; empty when it could not be read in time).
 */
record PartitionLag(String group, TopicPartition partition, long records, Optional<Duration> behind) {
}
