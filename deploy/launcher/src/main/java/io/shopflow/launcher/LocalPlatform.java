package io.shopflow.launcher;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The whole platform on this machine, as {@code ./platform up} runs it, for system tests and benchmarks: real Kafka,
 * real PostgreSQL and every service as its packaged jar, on the catalogue's ports, with databases of its own
 * ({@code <prefix>_<database>}) that are dropped when it stops.
 */
public final class LocalPlatform implements AutoCloseable {

    /** In {@link #start(Path, Path, PrintStream, Map) settings}: what every service gets, under its own. */
    public static final String EVERY_SERVICE = "*";

    /** Stops itself should the JVM end without {@link #close()} (Ctrl-C, a killed benchmark). */
    private final RunningPlatform running;

    private LocalPlatform(RunningPlatform running) {
        this.running = running;
    }

    /**
     * Starts everything and returns once every service is ready.
     *
     * @param projectRoot where the services' modules are, each already packaged ({@code ./mvnw package})
     * @param logDir      where each service's log goes, {@code <service>.log}
     * @throws LaunchException when a service is not built, a port is taken or a service does not get ready
     */
    public static LocalPlatform start(Path projectRoot, Path logDir, PrintStream out) {
        return start(projectRoot, logDir, out, Map.of());
    }

    /**
     * As {@link #start(Path, Path, PrintStream)}, with some services configured otherwise than in their
     * application.properties (passed as environment variables), e.g. a benchmark lifting the gateway's rate limits.
     *
     * @param settings configuration keys and values by service name, or {@link #EVERY_SERVICE} for all of them
     */
    public static LocalPlatform start(Path projectRoot, Path logDir, PrintStream out,
                                      Map<String, Map<String, String>> settings) {
        String prefix = "systest_" + UUID.randomUUID().toString().substring(0, 8) + "_";
        List<ServiceDefinition> services = ServiceCatalogue.load().services().stream()
                .map(service -> service.withDatabasePrefix(prefix))
                .toList();
        List<String> unbuilt = services.stream()
                .filter(service -> !Files.isRegularFile(service.runnerJar(projectRoot)))
                .map(ServiceDefinition::name)
                .toList();
        if (!unbuilt.isEmpty()) {
            throw new LaunchException("Not built (run ./mvnw package first): " + String.join(", ", unbuilt));
        }
        return new LocalPlatform(PlatformStarter.start(projectRoot, services, Set.of(), true, true, logDir, out, settings));
    }

    /** The names of the services running, in the order they were started (the catalogue's). */
    /**
     * The options the packaged services' JVMs start with, as {@code ./platform up} takes them from the environment
     * (SHOPFLOW_SERVICE_JAVA_OPTIONS): for a report to say what its figures were measured on.
     */
    public static String serviceJavaOptions() {
        return ServiceJvm.configured(System.getenv()).describeOptions();
    }

    public List<String> serviceNames() {
        return running.services().stream().map(process -> process.service().name()).toList();
    }

    /** The base URL of a service's REST API, e.g. {@code http://localhost:8082}. */
    public URI http(String service) {
        return URI.create("http://localhost:" + serviceProcess(service).service().httpPort());
    }

    /** A service's gRPC server, e.g. {@code localhost:9081}; fails for a service with no gRPC API. */
    public URI grpc(String service) {
        int port = serviceProcess(service).service().grpcPort()
                .orElseThrow(() -> new IllegalArgumentException(service + " has no gRPC API"));
        return URI.create("http://localhost:" + port);
    }

    /** The base URL of a service's management interface (health, metrics, OpenAPI), e.g. http://localhost:9182. */
    public URI management(String service) {
        return URI.create("http://localhost:" + serviceProcess(service).service().managementPort());
    }

    /** The operating-system process a service runs in, e.g. for a benchmark to give it CPUs of its own. */
    public ProcessHandle process(String service) {
        return serviceProcess(service).handle();
    }

    private ServiceProcess serviceProcess(String service) {
        return running.service(service);
    }

    /**
     * Chaos: kills the service with SIGKILL (no shutdown: a batch half published, a transaction half done) and starts
     * it again as it was; returns once it is ready.
     */
    public void killAndRestart(String service) throws InterruptedException {
        running.killAndRestart(service, PlatformStarter.READY_TIMEOUT);
    }

    /** Chaos: the Kafka broker stopped, down for {@code downtime}, started again with its data; returns when it serves. */
    public void restartKafka(Duration downtime) throws InterruptedException {
        running.infrastructure().restartKafka(downtime);
    }

    /**
     * Chaos: PostgreSQL gone for {@code downtime}, as a restart looks to the services: every connection of theirs ended
     * and new ones refused, on all their databases at once. (The server itself may be shared with others on this
     * machine, so it is not restarted.)
     */
    public void cutDatabases(Duration downtime) throws InterruptedException {
        var postgres = running.infrastructure().postgres();
        List<String> databases = running.services().stream().flatMap(process -> process.service().database().stream())
                .toList();
        databases.forEach(postgres::refuseConnections);
        try {
            Thread.sleep(downtime.toMillis());
        } finally {
            databases.forEach(postgres::acceptConnections);
        }
    }

    /** A new connection to {@code service}'s own database, for a test to look at what the service wrote. */
    public Connection database(String service) throws SQLException {
        var postgres = running.infrastructure().postgres();
        String database = serviceProcess(service).service().database()
                .orElseThrow(() -> new IllegalArgumentException(service + " has no database"));
        return DriverManager.getConnection(postgres.jdbcUrl(database), postgres.username(), postgres.password());
    }

    public String kafkaBootstrapServers() {
        return running.infrastructure().kafkaBootstrapServers();
    }

    /** Stops every service, drops their databases, and stops Kafka (and an embedded PostgreSQL). */
    @Override
    public void close() {
        running.close();
    }
}
