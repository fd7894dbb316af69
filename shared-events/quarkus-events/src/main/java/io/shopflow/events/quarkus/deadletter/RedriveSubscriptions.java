package io.shopflow.events.quarkus.deadletter;

import io.quarkus.runtime.StartupEvent;
import io.shopflow.events.quarkus.DeadLetterTopics;
import io.shopflow.events.quarkus.EventsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * Refuses to start a service with a consuming channel that would never see its redrives. A channel whose failure
 * strategy is {@code dead-letter-queue} is an {@link io.shopflow.events.quarkus.IdempotentConsumer}'s, which
 * dead-letters each record of {@code <topic>} to {@code <topic>.dlq.<consumer>} ({@link DeadLetterTopics}), so for
 * every topic it reads it must also read {@code <topic>.redrive.<consumer>}. Without this a redrive would be sent,
 * marked and never consumed, which nothing else would notice. A {@code dead-letter-queue.topic} is refused too: it
 * would be silently passed over.
 */
@ApplicationScoped
public class RedriveSubscriptions {

    private static final String INCOMING = "mp.messaging.incoming.";
    private static final Pattern CHANNEL_TOPICS = Pattern.compile(Pattern.quote(INCOMING) + "([^.]+)\\.topics?");
    private static final String DEAD_LETTER_QUEUE = "dead-letter-queue";
    private static final String CONNECTOR_FAILURE_STRATEGY = "mp.messaging.connector.smallrye-kafka.failure-strategy";

    private final Config config;
    private final String consumer;

    public RedriveSubscriptions(Config config, EventsConfig events) {
        this.config = config;
        this.consumer = events.consumer().name();
    }

    void check(@Observes StartupEvent started) {
        var missing = missing(config.getPropertyNames(), name -> config.getOptionalValue(name, String.class), consumer);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Channels that would never see their redrives:\n  "
                    + String.join("\n  ", missing));
        }
    }

    /** What is wrong with each dead-lettering channel that does not read a redrive topic of its own. */
    static List<String> missing(Iterable<String> names, Function<String, Optional<String>> value, String consumer) {
        var channels = new TreeSet<String>();
        for (String name : names) {
            var channel = CHANNEL_TOPICS.matcher(name);
            if (channel.matches()) {
                channels.add(channel.group(1));
            }
        }
        var missing = new ArrayList<String>();
        for (String channel : channels) {
            String prefix = INCOMING + channel + ".";
            String strategy = value.apply(prefix + "failure-strategy")
                    .or(() -> value.apply(CONNECTOR_FAILURE_STRATEGY)).orElse("fail");
            if (!strategy.equals(DEAD_LETTER_QUEUE) || value.apply(prefix + "pattern").map(Boolean::parseBoolean)
                    .orElse(false)) {
                continue;
            }
            if (value.apply(prefix + "dead-letter-queue.topic").isPresent()) {
                missing.add(channel + ": " + prefix + "dead-letter-queue.topic is never used, each record's dead "
                        + "letter goes to <topic>.dlq." + consumer + " by the topic it came from; remove it");
            }
            var topics = value.apply(prefix + "topics").or(() -> value.apply(prefix + "topic"))
                    .map(list -> Arrays.stream(list.split(",")).map(String::strip).toList()).orElse(List.of());
            for (String topic : topics) {
                String redrive = DeadLetterTopics.redriveTopicOf(topic, consumer);
                if (!DeadLetterTopics.isRedriveTopic(topic, consumer) && !topics.contains(redrive)) {
                    missing.add(channel + ": dead letters of " + topic + " go to "
                            + DeadLetterTopics.deadLetterTopic(topic, consumer) + ", so " + prefix
                            + "topics must list " + redrive + " beside it");
                }
            }
        }
        return missing;
    }
}
