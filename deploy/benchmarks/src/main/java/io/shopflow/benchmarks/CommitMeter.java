package io.shopflow.benchmarks;

import io.shopflow.launcher.LocalPlatform;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the saga costs PostgreSQL: the transactions each service's database committed
 * ({@code pg_stat_database.xact_commit}, read-only ones included) and the WAL flushes the whole server made
 * ({@code pg_stat_wal.wal_sync}, which bound how many writing transactions it can commit). PostgreSQL publishes a
 * backend's counts up to {@link #SETTLE} after its transactions, so a reading is taken once the load is over and
 * that long has passed.
 */
final class CommitMeter {

    /** The longest a backend keeps its counts to itself while idle (PostgreSQL's PGSTAT_IDLE_INTERVAL, 10 s). */
    static final Duration SETTLE = Duration.ofSeconds(11);
    /** The row the WAL flushes take in a reading. */
    static final String WAL_FLUSHES = "WAL flushes (server)";

    private final LocalPlatform platform;
    private final List<String> services;

    /** @param services the services with a database of their own, in report order */
    CommitMeter(LocalPlatform platform, List<String> services) {
        this.platform = platform;
        this.services = services;
    }

    /** Each service's committed transactions so far, then the server's WAL flushes. */
    Map<String, Long> read() throws SQLException {
        var counts = new LinkedHashMap<String, Long>();
        for (String service : services) {
            try (var connection = platform.database(service)) {
                counts.put(service, single(connection,
                        "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()"));
            }
        }
        try (var connection = platform.database(services.get(0))) {
            counts.put(WAL_FLUSHES, single(connection, "SELECT wal_sync FROM pg_stat_wal"));
        }
        return counts;
    }

    /** What each count grew by since {@code before}, per order of {@code orders}. */
    Map<String, Double> perOrderSince(Map<String, Long> before, long orders) throws SQLException {
        var perOrder = new LinkedHashMap<String, Double>();
        read().forEach((name, now) -> perOrder.put(name, (now - before.get(name)) / (double) Math.max(1, orders)));
        return perOrder;
    }

    private static long single(Connection connection, String query) throws SQLException {
        try (var statement = connection.createStatement(); var rows = statement.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
