package io.shopflow.events.quarkus;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.KafkaException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Every {@code shopflow.events.consumer.lag-every}, reads the lag of each consumer group this service's Kafka channels
 * consume in ({@link ConsumerGroupLag}) into {@link ConsumerLagMetrics}. A service without consuming channels asks
 * the broker nothing. A read that fails (the broker away) leaves the last values, and says so in the log; the
 * broker's absence shows in readiness already.
 */
@ApplicationScoped
public class ConsumerLagSampler {

    private static final Logger LOG = Logger.getLogger(ConsumerLagSampler.class);

    private final KafkaClientService clients;
    private final EventsConfig events;
    private final Map<String, Object> connection;
    private final String clientId;
    private final ConsumerLagMetrics metrics;
    private ConsumerGroupLag lag;
    private boolean stopped;

    public ConsumerLagSampler(KafkaClientService clients, EventsConfig events, MeterRegistry registry,
                              @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                              @ConfigProperty(name = "quarkus.application.name") String application,
                              @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.clients = clients;
        this.events = events;
        this.connection = BrokerConnection.settings(kafka);
        this.connection.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.clientId = application + "-lag";
        this.metrics = new ConsumerLagMetrics(registry);
    }

    /** First one period after start: the channels' consumers are still joining their groups at start. */
    @Scheduled(every = "${shopflow.events.consumer.lag-every}", delayed = "${shopflow.events.consumer.lag-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void sample() {
        var groups = consumedTopicsByGroup();
        if (groups.isEmpty() || stopped) {
            return;
        }
        if (lag == null) {
            lag = new ConsumerGroupLag(connection, clientId, events.consumer().lagTimeout());
        }
        var lags = new ArrayList<PartitionLag>();
        var now = Instant.now();
        try {
            for (var group : groups.entrySet()) {
                lags.addAll(lag.of(group.getKey(), group.getValue(), now));
            }
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            LOG.warnf("The consumer groups' lag could not be read (the last values stay): %s", e.toString());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        metrics.update(lags);
    }

    /**
     * The topics of each consumer group of the service's channels, as their running consumers subscribe them and
     * with the group their configuration names: so a group made up at start (order-service's per-replica cache group)
     * is the one measured, and a channel's concurrent consumers ({@code orders$1}, {@code orders$2}) count as one
     * group. A consumer that does not answer in time (closing, say) is left out of this sample.
     */
    private Map<String, Set<String>> consumedTopicsByGroup() {
        var groups = new TreeMap<String, Set<String>>();
        for (String channel : clients.getConsumerChannels()) {
            for (KafkaConsumer<Object, Object> consumer : clients.getConsumers(channel)) {
                Object group = consumer.configuration().get(ConsumerConfig.GROUP_ID_CONFIG);
                if (group == null) {
                    continue;
                }
                try {
                    Function<Consumer<Object, Object>, Set<String>> subscription = Consumer::subscription;
                    var topics = consumer.runOnPollingThread(subscription).await().atMost(events.consumer().lagTimeout());
                    groups.computeIfAbsent(group.toString(), g -> new TreeSet<>()).addAll(topics);
                } catch (RuntimeException e) {
                    LOG.debugf("The topics of %s's consumer of %s could not be had: %s", group, channel, e.toString());
                }
            }
        }
        return groups;
    }

    synchronized void stop(@Observes ShutdownEvent stopping) {
        stopped = true;
        if (lag != null) {
            lag.close();
        }
    }
}
