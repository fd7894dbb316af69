package io.shopflow.infra.testing;

import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.shopflow.infra.PostgresServer;

/**
 * Gives a Quarkus test a fresh, empty PostgreSQL database on a real server, and drops it afterwards.
 *
 * <p>The server is shared by the whole test JVM; the database is new for every start, named after the optional
 * init argument {@value #DATABASE_ARG} (default {@value #DEFAULT_PREFIX}) plus a random suffix, so test classes
 * and parallel builds never see each other's rows.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE_ARG = "database";
    static final String DEFAULT_PREFIX = "test";

    private String prefix = DEFAULT_PREFIX;
    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        prefix = initArgs.getOrDefault(DATABASE_ARG, DEFAULT_PREFIX);
    }

    @Override
    public Map<String, String> start() {
        PostgresServer server = JvmWideInfrastructure.postgres();
        database = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        server.createDatabase(database);
        return Map.of(
                "quarkus.datasource.jdbc.url", server.jdbcUrl(database),
                "quarkus.datasource.reactive.url", server.reactiveUrl(database),
                "quarkus.datasource.username", server.username(),
                "quarkus.datasource.password", server.password());
    }

    @Override
    public void stop() {
        if (database != null) {
            JvmWideInfrastructure.postgres().dropDatabase(database);
            database = null;
        }
    }

    String database() {
        return database;
    }
}
