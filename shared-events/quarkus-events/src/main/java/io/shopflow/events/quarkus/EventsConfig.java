package io.shopflow.events.quarkus;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code shopflow.events.*}: how a service writes and publishes its domain events. */
@ConfigMapping(prefix = "shopflow.events")
public interface EventsConfig {

    /** The CloudEvents {@code source} of every event this service writes. */
    @WithDefault("//shopflow/${quarkus.application.name}")
    String source();

    Relay relay();

    interface Relay {

        /** Off when Debezium publishes the outbox instead (deploy/debezium), or for a read-only replica. */
        @WithDefault("true")
        boolean enabled();

        /** Events per transaction; also the most a relay republishes after dying mid-batch. */
        @WithDefault("100")
        int batchSize();

        /** The polling fallback: an idle relay looks at the outbox at least this often. */
        @WithDefault("1s")
        Duration idleWait();
    }
}
