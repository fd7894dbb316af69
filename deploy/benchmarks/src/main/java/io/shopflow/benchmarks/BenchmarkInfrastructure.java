package io.shopflow.benchmarks;

import io.shopflow.eventstore.EventStoreSchema;
import io.shopflow.infra.KafkaBroker;
import io.shopflow.infra.PostgresServer;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Node;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real Kafka broker and a fresh database with the event store's schema, on the PostgreSQL server the
 * platform would use. Closing it drops the database and stops the broker (and an embedded server, if one was
 * started); it is safe to close twice, so a shutdown hook can close it on Ctrl-C too.
 */
final class BenchmarkInfrastructure implements AutoCloseable {

    private static final String DATABASE_PREFIX = "benchmark_relay_";
    /** A few partitions, as a real topic has; the single-node broker would auto-create it with one. */
    static final int TOPIC_PARTITIONS = 4;
    private static final short SINGLE_NODE_REPLICATION = 1;
    /** The topics the benchmarks publish to: orders (relay, saga) and users (sealing). */
    private static final List<String> TOPICS = List.of(OrderEvents.TOPIC, UserRegistrations.TOPIC);
    /** The services' reactive pools are of this order; writers here use one connection at a time anyway. */
    private static final int POOL_SIZE = 4;

    private final KafkaBroker kafka;
    private final PostgresServer postgres;
    private final String database;
    private final Vertx vertx;
    private final Pool pool;
    private final Admin admin;
    private boolean closed;

    private BenchmarkInfrastructure(KafkaBroker kafka, PostgresServer postgres, String database) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.database = database;
        this.vertx = Vertx.vertx();
        this.pool = PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(POOL_SIZE))
                .connectingTo(connectOptions(postgres, database))
                .using(vertx)
                .build();
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    /** How the reactive client reaches {@code database} on {@code postgres}. */
    static PgConnectOptions connectOptions(PostgresServer postgres, String database) {
        return new PgConnectOptions().setHost(postgres.host()).setPort(postgres.port()).setDatabase(database)
                .setUser(postgres.username()).setPassword(postgres.password());
    }

    /** Writers as a service has them, on this database, telling {@code committed} of each commit. */
    ServiceWriters serviceWriters(Runnable committed) {
        return new ServiceWriters(connectOptions(postgres, database), committed);
    }

    /** Starts everything, undoing what was already started if a later step fails. */
    static BenchmarkInfrastructure start() throws InterruptedException {
        KafkaBroker kafka = KafkaBroker.start();
        PostgresServer postgres = null;
        String database = DATABASE_PREFIX + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try {
            postgres = PostgresServer.locateOrStart();
            postgres.createDatabase(database);
            EventStoreSchema.migrate(postgres.jdbcUrl(database), postgres.username(), postgres.password());
            createTopic(kafka.bootstrapServers());
            return new BenchmarkInfrastructure(kafka, postgres, database);
        } catch (RuntimeException | InterruptedException e) {
            if (postgres != null) {
                postgres.dropDatabase(database);
                postgres.close();
            }
            kafka.close();
            throw e;
        }
    }

    private static void createTopic(String bootstrapServers) throws InterruptedException {
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(TOPICS.stream()
                            .map(topic -> new NewTopic(topic, TOPIC_PARTITIONS, SINGLE_NODE_REPLICATION)).toList())
                    .all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot create topics " + TOPICS, e.getCause());
        }
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The reactive pool services write their outbox rows through. */
    Pool pool() {
        return pool;
    }

    /** What the relay is given: a plain DataSource opening a connection per call, as in the relay's tests. */
    PGSimpleDataSource dataSource() {
        var dataSource = new PGSimpleDataSource();
        dataSource.setUrl(postgres.jdbcUrl(database));
        dataSource.setUser(postgres.username());
        dataSource.setPassword(postgres.password());
        return dataSource;
    }

    /**
     * The size of the benchmarks' topics' logs on the broker, every partition: what the records sent so far take
     * there, record batches as written (compressed, when the producer compressed them). A measurement publishes to
     * one topic, so what this grows by during it is that topic's.
     */
    long topicBytes() throws InterruptedException {
        try {
            var brokers = admin.describeCluster().nodes().get().stream().map(Node::id).toList();
            return admin.describeLogDirs(brokers).allDescriptions().get().values().stream()
                    .flatMap(directories -> directories.values().stream())
                    .flatMap(directory -> directory.replicaInfos().entrySet().stream())
                    .filter(replica -> TOPICS.contains(replica.getKey().topic()))
                    .mapToLong(replica -> replica.getValue().size())
                    .sum();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot read the size of " + TOPICS, e.getCause());
        }
    }

    /**
     * Vacuums the outbox and its lanes: what autovacuum does for a service's outbox some time after a backlog. The
     * throughput runs before push millions of rows through the table, and the dead index entries they leave make
     * every look for a lane with work walk past them until a vacuum has run.
     */
    void vacuumOutbox() {
        try (var connection = dataSource().getConnection();
             var statement = connection.createStatement()) {
            statement.execute("VACUUM (ANALYZE) outbox, outbox_lane");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot vacuum the outbox", e);
        }
    }

    /** "local server", "embedded, started in ..." */
    String postgresOrigin() {
        return postgres.origin();
    }

    String postgresVersion() {
        try (var connection = dataSource().getConnection();
             var rows = connection.createStatement().executeQuery("SHOW server_version")) {
            rows.next();
            return rows.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the PostgreSQL version", e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            admin.close();
            pool.closeAndAwait();
            vertx.closeAndAwait();
            postgres.dropDatabase(database);
        } finally {
            postgres.close();
            kafka.close();
        }
    }
}
