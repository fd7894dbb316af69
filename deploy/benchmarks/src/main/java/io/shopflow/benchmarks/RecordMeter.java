package io.shopflow.benchmarks;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What the saga costs Kafka, and every service in messages: the records written to the platform's topics (their end
 * offsets) and the records each service's consumer groups took from them (their committed offsets). A group takes
 * every record of the topics it reads, whether a handler there acts on it or passes it over, and each one is a
 * fetch, a record and an acknowledgement in that service: the count the per-event work of the Kafka clients, the
 * connector, the consumer's span and metrics grows with. Read, like {@link CommitMeter}, once the load is over and
 * the groups have committed their offsets.
 */
final class RecordMeter implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 30;

    /** Records written to all topics so far, and records taken by each service's groups, by service. */
    record Reading(long written, Map<String, Long> taken) {
    }

    /**
     * Per order between two readings.
     *
     * @param takenPerOrder by service, in the order of the services given to the meter
     */
    record Traffic(double writtenPerOrder, Map<String, Double> takenPerOrder) {

        static Traffic between(Reading before, Reading after, long orders) {
            double divisor = Math.max(1, orders);
            var perOrder = new LinkedHashMap<String, Double>();
            after.taken().forEach((service, now) ->
                    perOrder.put(service, (now - before.taken().getOrDefault(service, 0L)) / divisor));
            return new Traffic((after.written() - before.written()) / divisor, perOrder);
        }

        double allTakenPerOrder() {
            return takenPerOrder.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    private final Admin admin;
    private final List<String> services;

    /** @param services the services whose consumer groups count, in report order */
    RecordMeter(String bootstrapServers, List<String> services) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "saga-benchmark-record-meter"));
        this.services = services;
    }

    Reading read() throws InterruptedException, ExecutionException, TimeoutException {
        var taken = new LinkedHashMap<String, Long>();
        services.forEach(service -> taken.put(service, 0L));
        for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            var service = serviceOf(group.groupId(), services);
            if (service.isPresent()) {
                taken.merge(service.get(), committed(group.groupId()), Long::sum);
            }
        }
        return new Reading(written(), taken);
    }

    /**
     * The service a consumer group belongs to: groups are named after their service ({@code order-service},
     * {@code order-service-dead-letters}, {@code order-service-user-cache-<replica>}); the longest name that fits
     * wins. A group of nobody's here (a client of the benchmark's own) is none.
     */
    static Optional<String> serviceOf(String groupId, List<String> services) {
        return services.stream().filter(service -> groupId.equals(service) || groupId.startsWith(service + "-"))
                .max(Comparator.comparingInt(String::length));
    }

    private long committed(String groupId) throws InterruptedException, ExecutionException, TimeoutException {
        return admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).values().stream()
                .filter(offset -> offset != null).mapToLong(OffsetAndMetadata::offset).sum();
    }

    private long written() throws InterruptedException, ExecutionException, TimeoutException {
        var topics = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        var latest = new HashMap<TopicPartition, OffsetSpec>();
        for (TopicDescription topic : admin.describeTopics(topics).allTopicNames()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).values()) {
            topic.partitions().forEach(partition ->
                    latest.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest()));
        }
        return admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).values().stream()
                .mapToLong(info -> info.offset()).sum();
    }

    @Override
    public void close() {
        admin.close();
    }
}
