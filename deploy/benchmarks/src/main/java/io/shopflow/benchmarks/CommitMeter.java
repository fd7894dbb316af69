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
 * that long has passed. It also counts the deadlocks PostgreSQL broke in each database
 * ({@code pg_stat_database.deadlocks}): each held its transactions for {@code deadlock_timeout} (a second) first.
 */
final class CommitMeter {

    /** The longest a backend keeps its counts to itself while idle (PostgreSQL's PGSTAT_IDLE_INTERVAL, 10 s). */
    static final Duration SETTLE = Duration.ofSeconds(11);

    /** Waits until PostgreSQL has published the counts of every transaction before this call. */
    static void settle() throws InterruptedException {
        Benchmarks.progress("settling " + SETTLE.toSeconds() + " s for PostgreSQL's counts");
        Thread.sleep(SETTLE.toMillis());
    }

    /** The counts so far: committed transactions and deadlocks by service, and the server's WAL flushes. */
    record Reading(Map<String, Long> transactions, Map<String, Long> deadlocks, long walFlushes) {

        /** The deadlocks of each service's database since {@code before}, in the services' order. */
        Map<String, Long> deadlocksSince(Reading before) {
            var since = new LinkedHashMap<String, Long>();
            deadlocks.forEach((service, now) -> since.put(service, now - before.deadlocks().get(service)));
            return since;
        }
    }

    /**
     * What a number of orders cost between two readings, per order.
     *
     * @param transactionsPerOrder by service, in report order
     */
    record Cost(Map<String, Double> transactionsPerOrder, double walFlushesPerOrder) {

        /** Between {@code before} and {@code after}, per order of {@code orders}. */
        static Cost between(Reading before, Reading after, long orders) {
            double divisor = Math.max(1, orders);
            var perOrder = new LinkedHashMap<String, Double>();
            after.transactions().forEach((service, now) ->
                    perOrder.put(service, (now - before.transactions().get(service)) / divisor));
            return new Cost(perOrder, (after.walFlushes() - before.walFlushes()) / divisor);
        }

        /** Over every service's database. */
        double allTransactionsPerOrder() {
            return transactionsPerOrder.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    private final LocalPlatform platform;
    private final List<String> services;

    /** @param services the services with a database of their own, in report order */
    CommitMeter(LocalPlatform platform, List<String> services) {
        this.platform = platform;
        this.services = services;
    }

    Reading read() throws SQLException {
        var transactions = new LinkedHashMap<String, Long>();
        var deadlocks = new LinkedHashMap<String, Long>();
        for (String service : services) {
            try (var connection = platform.database(service)) {
                transactions.put(service, single(connection,
                        "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()"));
                deadlocks.put(service, single(connection,
                        "SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()"));
            }
        }
        try (var connection = platform.database(services.get(0))) {
            return new Reading(transactions, deadlocks, single(connection, "SELECT wal_sync FROM pg_stat_wal"));
        }
    }

    private static long single(Connection connection, String query) throws SQLException {
        try (var statement = connection.createStatement(); var rows = statement.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
