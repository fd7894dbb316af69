package io.shopflow.events.quarkus.deadletter;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * Refuses to start a service with a consuming channel that would never see its redrives: every channel with a
 * dead-letter topic {@code <topic>.dlq.<service>} must also read {@code <topic>.redrive.<service>}
 * ({@code topics=<topic>,<topic>.redrive.<service>}). Without this a redrive would be sent, marked and never
 * consumed, which nothing else would notice.
 */
@ApplicationScoped
public class RedriveSubscriptions {

    private static final Pattern DEAD_LETTER_TOPIC =
            Pattern.compile("mp\\.messaging\\.incoming\\.(.+)\\.dead-letter-queue\\.topic");

    private final Config config;

    public RedriveSubscriptions(Config config) {
        this.config = config;
    }

    void check(@Observes StartupEvent started) {
        var missing = missing(config.getPropertyNames(), name -> config.getOptionalValue(name, String.class));
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Channels that would never see their redrives:\n  "
                    + String.join("\n  ", missing));
        }
    }

    /** What is wrong with each channel that has a dead-letter topic but does not read its redrive topic. */
    static List<String> missing(Iterable<String> names, Function<String, Optional<String>> value) {
        var missing = new ArrayList<String>();
        for (String name : names) {
            var channel = DEAD_LETTER_TOPIC.matcher(name);
            if (!channel.matches()) {
                continue;
            }
            String deadLetters = value.apply(name).orElse("");
            String prefix = "mp.messaging.incoming." + channel.group(1) + ".";
            try {
                String redrive = ArrivedDeadLetter.redriveTopic(deadLetters);
                var topics = value.apply(prefix + "topics").map(list -> Arrays.stream(list.split(","))
                        .map(String::strip).toList()).orElse(List.of());
                if (!topics.contains(redrive)) {
                    missing.add(channel.group(1) + ": dead letters go to " + deadLetters + ", so " + prefix
                            + "topics must list " + redrive + " beside the channel's topic");
                }
            } catch (IllegalArgumentException misnamed) {
                missing.add(channel.group(1) + ": " + misnamed.getMessage());
            }
        }
        return missing;
    }
}
