package io.shopflow.infra.testing;

import java.util.Properties;

import io.shopflow.infra.KafkaBroker;
import io.shopflow.infra.PostgresCoordinates;
import io.shopflow.infra.PostgresServer;

/**
 * One Kafka broker and one PostgreSQL server for the whole test JVM, started on first use and stopped when the
 * JVM exits. Starting them per test class would cost seconds each time for no gain: isolation between test
 * classes comes from fresh databases and distinct topics, not from fresh servers.
 *
 * <p>Quarkus loads test resources anew in the class loader of every application it starts (each test profile
 * is one), so a static field would give one broker per class loader. What is shared therefore lives in the
 * system properties, the one registry all class loaders see, as plain strings: later class loaders only need
 * the addresses. The servers themselves stay with the class loader that started them.
 */
final class JvmWideInfrastructure {

    private static final Properties REGISTRY = System.getProperties();
    private static final String PREFIX = "io.shopflow.infra.testing.";
    private static final String KAFKA_BOOTSTRAP_SERVERS = PREFIX + "kafka.bootstrap-servers";
    private static final String PG_HOST = PREFIX + "postgres.host";
    private static final String PG_PORT = PREFIX + "postgres.port";
    private static final String PG_USER = PREFIX + "postgres.user";
    private static final String PG_PASSWORD = PREFIX + "postgres.password";
    private static final String PG_ORIGIN = PREFIX + "postgres.origin";

    private JvmWideInfrastructure() {
    }

    static String kafkaBootstrapServers() {
        synchronized (REGISTRY) {
            if (REGISTRY.getProperty(KAFKA_BOOTSTRAP_SERVERS) == null) {
                KafkaBroker broker = KafkaBroker.start();
                stopAtExit(broker, "shopflow-test-kafka-stop");
                REGISTRY.setProperty(KAFKA_BOOTSTRAP_SERVERS, broker.bootstrapServers());
            }
            return REGISTRY.getProperty(KAFKA_BOOTSTRAP_SERVERS);
        }
    }

    static PostgresServer postgres() {
        synchronized (REGISTRY) {
            if (REGISTRY.getProperty(PG_HOST) == null) {
                PostgresServer server = PostgresServer.locateOrStart();
                stopAtExit(server, "shopflow-test-postgres-stop");
                REGISTRY.setProperty(PG_HOST, server.host());
                REGISTRY.setProperty(PG_PORT, String.valueOf(server.port()));
                REGISTRY.setProperty(PG_USER, server.username());
                REGISTRY.setProperty(PG_PASSWORD, server.password());
                REGISTRY.setProperty(PG_ORIGIN, server.origin());
            }
            PostgresCoordinates coordinates = new PostgresCoordinates(REGISTRY.getProperty(PG_HOST),
                    Integer.parseInt(REGISTRY.getProperty(PG_PORT)), REGISTRY.getProperty(PG_USER),
                    REGISTRY.getProperty(PG_PASSWORD));
            return PostgresServer.running(coordinates, REGISTRY.getProperty(PG_ORIGIN));
        }
    }

    private static void stopAtExit(AutoCloseable resource, String threadName) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                resource.close();
            } catch (Exception e) {
                // Nothing is left to recover at JVM exit; say what happened and let the JVM finish.
                System.err.println(threadName + ": " + e);
            }
        }, threadName));
    }
}
