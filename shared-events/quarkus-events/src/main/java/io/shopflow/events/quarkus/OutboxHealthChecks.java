package io.shopflow.events.quarkus;

import io.shopflow.eventstore.relay.OutboxBacklog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * The backbone's part of {@code /q/health}, beside Quarkus' own database and Kafka checks: readiness looks at
 * the outbox (events that do not go out make the service not ready, with the reason), liveness at the relay's
 * workers (a dead one comes back only with a restart).
 */
@ApplicationScoped
class OutboxHealthChecks {

    private final DataSource dataSource;
    private final EventsConfig config;
    private final EventBackboneLifecycle backbone;

    OutboxHealthChecks(DataSource dataSource, EventsConfig config, EventBackboneLifecycle backbone) {
        this.dataSource = dataSource;
        this.config = config;
        this.backbone = backbone;
    }

    @Produces
    @Readiness
    HealthCheck outboxBacklog() {
        return () -> {
            var check = HealthCheckResponse.named("Outbox backlog");
            var limit = config.health().outboxMaxAge();
            try (var connection = dataSource.getConnection()) {
                var backlog = OutboxBacklog.of(connection);
                var age = backlog.age(Instant.now());
                check.withData("events", backlog.events())
                        .withData("oldestAgeSeconds", age.toSeconds())
                        .withData("maxAgeSeconds", limit.toSeconds());
                if (age.compareTo(limit) > 0) {
                    check.down().withData("reason", "The oldest unpublished event has waited " + age.toSeconds()
                            + " s, longer than " + limit.toSeconds() + " s: the relay is stopped or Kafka is away");
                } else {
                    check.up();
                }
            } catch (SQLException e) {
                check.down().withData("reason", "The outbox cannot be read: " + e.getMessage());
            }
            return check.build();
        };
    }

    @Produces
    @Liveness
    HealthCheck outboxRelay() {
        return () -> HealthCheckResponse.named("Outbox relay").status(backbone.relayAlive()).build();
    }
}
