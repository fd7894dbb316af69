package io.shopflow.benchmarks;

import io.shopflow.events.EventEnvelope;
import io.shopflow.eventstore.EventStoreSchema;
import io.shopflow.infra.PostgresServer;
import java.util.List;
import java.util.UUID;

/**
 * The baseline for the database: what a service's state change costs PostgreSQL alone, committed by
 * {@link ServiceWriters} in a scratch database with the event store's schema on the PostgreSQL server the platform
 * uses, dropped afterwards.
 */
final class RawPostgresPath {

    private static final String DATABASE_PREFIX = "benchmark_saga_raw_";

    private RawPostgresPath() {
    }

    /** Commits each of {@code events} (of distinct new streams) in a transaction of its own. */
    static Throughput throughput(String label, List<EventEnvelope> events) {
        String database = DATABASE_PREFIX + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (var postgres = PostgresServer.locateOrStart()) {
            postgres.createDatabase(database);
            try {
                EventStoreSchema.migrate(postgres.jdbcUrl(database), postgres.username(), postgres.password());
                // No relay runs here: nothing to tell of the commits.
                try (var writers = new ServiceWriters(BenchmarkInfrastructure.connectOptions(postgres, database),
                        () -> { })) {
                    return writers.commitEach(label, events);
                }
            } finally {
                postgres.dropDatabase(database);
            }
        }
    }
}
