package io.shopflow.eventstore;

import org.flywaydb.core.Flyway;

/**
 * Creates and upgrades the library's tables (event_store, snapshots, outbox) in a service's own database.
 *
 * <p>The library owns its schema, so it keeps its own Flyway history table: the service's migrations and these
 * never see each other's versions, whichever runs first.
 */
public final class EventStoreSchema {

    static final String MIGRATIONS = "classpath:db/shopflow-eventstore";
    static final String HISTORY_TABLE = "shopflow_eventstore_schema_history";
    /**
     * The service's own tables are already there, so Flyway would refuse a non-empty schema without a history
     * of ours. Baselining at version 0 marks "nothing of ours applied yet", so V1 still runs.
     */
    private static final String BASELINE_BEFORE_FIRST_MIGRATION = "0";

    private EventStoreSchema() {
    }

    /** Applies the migrations not yet applied; returns how many ran (0 when the schema is current). */
    public static int migrate(String jdbcUrl, String user, String password) {
        return Flyway.configure()
                .dataSource(jdbcUrl, user, password)
                .locations(MIGRATIONS)
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion(BASELINE_BEFORE_FIRST_MIGRATION)
                .load()
                .migrate()
                .migrationsExecuted;
    }
}
