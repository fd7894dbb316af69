package io.shopflow.user;

import io.shopflow.events.CloudEventHeaders;
import io.shopflow.events.EventEnvelope;
import io.shopflow.infra.testing.TopicReader;
import java.time.Duration;
import java.util.List;

/** A user's events on {@code shopflow.user}, read back from the real broker as another team's service would. */
final class UserTopic {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private UserTopic() {
    }

    /** The user's events, in order, once {@code count} of them are there. */
    static List<EventEnvelope> eventsOf(String bootstrapServers, String userId, int count) {
        return TopicReader.readUntil(bootstrapServers, "shopflow.user", record -> record.key().equals(userId),
                        received -> received.size() >= count, PATIENCE).stream()
                .map(record -> CloudEventHeaders.read(record.headers(), record.value()))
                .toList();
    }
}
