package io.shopflow.events.quarkus;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.shopflow.eventstore.EventStoreSchema;
import io.shopflow.eventstore.relay.OutboxRelay;
import io.shopflow.eventstore.relay.RelayProducer;
import io.shopflow.eventstore.relay.RelaySettings;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Brings the backbone's tables up to date when the application starts, then runs the outbox relay until it
 * stops. Migrating here rather than through Quarkus' Flyway keeps the library's versions apart from the
 * service's own migrations (see {@link EventStoreSchema}).
 */
@ApplicationScoped
public class EventBackboneLifecycle {

    private static final Logger LOG = Logger.getLogger(EventBackboneLifecycle.class);

    private final EventsConfig config;
    private final DataSource dataSource;
    private final MeterRegistry registry;
    private final Tracer tracer;
    private final String jdbcUrl;
    private final String username;
    private final String password;
    private final String bootstrapServers;
    private final Map<String, Object> kafka;
    private volatile OutboxRelay relay;

    public EventBackboneLifecycle(EventsConfig config, DataSource dataSource, MeterRegistry registry, Tracer tracer,
                                @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
                                @ConfigProperty(name = "quarkus.datasource.username") String username,
                                @ConfigProperty(name = "quarkus.datasource.password", defaultValue = "") String password,
                                @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                                @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.config = config;
        this.dataSource = dataSource;
        this.registry = registry;
        this.tracer = tracer;
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
        this.bootstrapServers = bootstrapServers;
        this.kafka = kafka;
    }

    void start(@Observes @Priority(100) StartupEvent started) {
        int applied = EventStoreSchema.migrate(jdbcUrl, username, password);
        LOG.debugf("Event store schema: %d migration(s) applied", applied);
        if (!config.relay().enabled()) {
            LOG.info("Outbox relay disabled (shopflow.events.relay.enabled=false)");
            return;
        }
        var settings = new RelaySettings(config.relay().batchSize(), config.relay().idleWait(),
                config.relay().workers());
        var producer = RelayProducer.create(bootstrapServers, RelayProducerSettings.of(kafka, config.relay().producer()));
        relay = new OutboxRelay(dataSource, producer, settings, registry, tracer);
        relay.start();
    }

    /** A transaction that wrote events to the outbox committed in this process: the relay, if it runs, takes them. */
    void outboxCommitted() {
        var running = relay;
        if (running != null) {
            running.wake();
        }
    }

    /** True unless the relay runs here and one of its workers has died. */
    boolean relayAlive() {
        return relay == null || relay.alive();
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (relay != null) {
            relay.close();
        }
    }
}
