package io.shopflow.eventstore.relay;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * How many events wait in the outbox and when the oldest of them was written ({@code null} when none wait): what
 * the relay's gauges show and what a service's readiness looks at.
 */
public record OutboxBacklog(long events, Instant oldest) {

    private static final String QUERY = "SELECT count(*), min(timestamp) FROM outbox";

    public static OutboxBacklog of(Connection connection) throws SQLException {
        try (var statement = connection.prepareStatement(QUERY); var rows = statement.executeQuery()) {
            rows.next();
            var oldest = rows.getTimestamp(2);
            return new OutboxBacklog(rows.getLong(1), oldest == null ? null : oldest.toInstant());
        }
    }

    /** How long the oldest event has waited at {@code now}: zero when none waits. */
    public Duration age(Instant now) {
        return oldest == null || oldest.isAfter(now) ? Duration.ZERO : Duration.between(oldest, now);
    }
}
