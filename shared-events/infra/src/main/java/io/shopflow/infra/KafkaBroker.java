package io.shopflow.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A real single-node Apache Kafka broker in KRaft mode, running inside this JVM.
 *
 * <p>One node plays both roles ({@code process.roles=broker,controller}), listens on free loopback ports and
 * keeps its configuration and data in a fresh temporary directory that {@link #close()} deletes, or, started with
 * {@link #startKeeping}, in a directory that outlives it, as a database server keeps its databases. Replication
 * settings are lowered to what one node can satisfy, otherwise consumer groups and transactions would wait
 * forever for replicas.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final int NODE_ID = 1;
    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration READINESS_PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration READINESS_POLL_INTERVAL = Duration.ofMillis(100);

    private KafkaRaftServer server;
    private final KafkaConfig config;
    /** Holds the broker configuration and, below it, the log directory. */
    private final Path workDir;
    private final String bootstrapServers;
    /** Whether {@link #close()} leaves the data for the next broker started on the same directory. */
    private final boolean kept;
    private boolean closed;

    private KafkaBroker(KafkaRaftServer server, KafkaConfig config, Path workDir, String bootstrapServers,
                        boolean kept) {
        this.server = server;
        this.config = config;
        this.workDir = workDir;
        this.bootstrapServers = bootstrapServers;
        this.kept = kept;
    }

    /** Starts a broker on a fresh temporary directory and returns once it answers client requests. */
    public static KafkaBroker start() {
        return start(Directories.createTemp("shopflow-kafka-"), false);
    }

    /**
     * Starts a broker on {@code workDir}, with the topics, records and committed offsets a broker left there before
     * (or none, the first time), and returns once it answers client requests; {@link #close()} leaves them for the
     * next; {@code fresh} deletes what was there first. The ports are new each time: clients learn them from
     * {@link #bootstrapServers()}.
     */
    public static KafkaBroker startKeeping(Path workDir, boolean fresh) {
        if (fresh) {
            Directories.deleteRecursively(workDir);
        }
        Directories.create(workDir);
        return start(workDir, true);
    }

    private static KafkaBroker start(Path workDir, boolean kept) {
        InfraLogging.quiet();
        keepBrokerFaultsFromKillingTheJvm();
        int[] ports = FreePorts.pickTwo();
        String bootstrapServers = LOOPBACK + ":" + ports[0];
        KafkaRaftServer server = null;
        try {
            Path dataDir = workDir.resolve("data");
            Properties config = singleNodeConfig(dataDir, ports[0], ports[1], kept);
            Path configFile = writeConfigFile(config, workDir.resolve("server.properties"));
            // Formatting writes meta.properties; storage formatted before is kept, never formatted again.
            if (!Files.exists(dataDir.resolve("meta.properties"))) {
                formatStorage(configFile);
            }
            KafkaConfig kafkaConfig = new KafkaConfig(config, false);
            server = new KafkaRaftServer(kafkaConfig, Time.SYSTEM);
            server.startup();
            awaitServing(bootstrapServers);
            return new KafkaBroker(server, kafkaConfig, workDir, bootstrapServers, kept);
        } catch (RuntimeException | Error e) {
            stop(server);
            if (!kept) {
                Directories.deleteRecursively(workDir);
            }
            throw e;
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * Stops the broker, leaves it down for {@code downtime}, and starts it again on the same ports and data, as an
     * operator's restart would: topics, committed offsets and producer state survive, connections do not. For the
     * chaos suite. Returns once it answers clients again.
     */
    public synchronized void restart(Duration downtime) throws InterruptedException {
        if (closed) {
            throw new IllegalStateException("The broker is closed");
        }
        stop(server);
        server = null;
        Thread.sleep(downtime.toMillis());
        server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        awaitServing(bootstrapServers);
    }

    /** Stops the broker, waits until its threads and sockets are gone, and deletes its data unless it is kept. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop(server);
        if (!kept) {
            Directories.deleteRecursively(workDir);
        }
    }

    Path workDir() {
        return workDir;
    }

    private static Path writeConfigFile(Properties config, Path file) {
        try (Writer writer = Files.newBufferedWriter(file)) {
            config.store(writer, "Single-node KRaft broker started by " + KafkaBroker.class.getName());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static Properties singleNodeConfig(Path dataDir, int brokerPort, int controllerPort, boolean kept) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + LOOPBACK + ":" + controllerPort);
        props.put("listeners", BROKER_LISTENER + "://" + LOOPBACK + ":" + brokerPort + ","
                + CONTROLLER_LISTENER + "://" + LOOPBACK + ":" + controllerPort);
        props.put("advertised.listeners", BROKER_LISTENER + "://" + LOOPBACK + ":" + brokerPort);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", BROKER_LISTENER);
        props.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("log.dirs", dataDir.toString());
        // One node cannot hold more than one replica of anything.
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("min.insync.replicas", "1");
        // Fewer internal partitions: the first consumer group and the first transaction start much faster.
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.num.partitions", "1");
        props.put("auto.create.topics.enable", "true");
        // Topics made on first use get several partitions, so that each service's consumers work on several
        // aggregates at once (per-aggregate order holds: the key is the aggregate id). Kubernetes' have 12.
        props.put("num.partitions", "4");
        // Nobody else will join a group on a dev machine; waiting for them only slows tests down.
        props.put("group.initial.rebalance.delay.ms", "0");
        if (kept) {
            // Started again on kept data, the broker registers anew, and its controller (itself) first waits out the
            // last run's broker session: 9 s by default, most of the launcher's restart (deploy/launcher/START-STOP.md).
            // Heartbeats stay six to a session. Only here: the tests' brokers start on fresh data, under more load.
            props.put("broker.session.timeout.ms", "3000");
            props.put("broker.heartbeat.interval.ms", "500");
        }
        return props;
    }

    /**
     * A KRaft node refuses to start on unformatted storage. This is {@code kafka-storage.sh format}, called through
     * {@code StorageTool.execute}, the tool's entry point that returns an exit code instead of ending the JVM.
     * The command line is Kafka's stable interface for this; the Formatter class behind it is internal and lives in
     * kafka-metadata, a runtime-only dependency of kafka_2.13 whose version the Quarkus BOM does not manage.
     */
    private static void formatStorage(Path configFile) {
        String[] arguments = {"format", "--cluster-id", Uuid.randomUuid().toString(), "--config", configFile.toString()};
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exitCode;
        try {
            exitCode = StorageTool.execute(arguments, new PrintStream(output, true, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot format Kafka storage: " + e.getMessage(), e);
        }
        if (exitCode != 0) {
            throw new IllegalStateException("Cannot format Kafka storage (exit code " + exitCode + "): "
                    + output.toString(StandardCharsets.UTF_8));
        }
    }

    /**
     * {@code startup()} returns before the broker has joined the quorum and opened its listener for clients;
     * a successful describeCluster is the first sign clients can use it.
     */
    private static void awaitServing(String bootstrapServers) {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        int probeTimeoutMs = (int) READINESS_PROBE_TIMEOUT.toMillis();
        Exception lastFailure = null;
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, probeTimeoutMs,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, probeTimeoutMs))) {
            while (Instant.now().isBefore(deadline)) {
                try {
                    if (!admin.describeCluster().nodes().get(probeTimeoutMs, TimeUnit.MILLISECONDS).isEmpty()) {
                        return;
                    }
                    Thread.sleep(READINESS_POLL_INTERVAL.toMillis());
                } catch (ExecutionException | TimeoutException notYet) {
                    lastFailure = notYet;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for the Kafka broker", e);
                }
            }
        }
        throw new IllegalStateException("Kafka broker at " + bootstrapServers + " did not answer within "
                + STARTUP_TIMEOUT.toSeconds() + "s", lastFailure);
    }

    private static void stop(KafkaRaftServer server) {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
        }
    }

    /**
     * Kafka answers a fatal fault by halting the process, which inside a test JVM or the launcher would end
     * everything without a word. Turning that into an exception keeps the host alive and the cause visible.
     */
    private static void keepBrokerFaultsFromKillingTheJvm() {
        Exit.Procedure refuse = (status, message) -> {
            throw new IllegalStateException("Embedded Kafka broker asked to end the JVM (status " + status + "): "
                    + message);
        };
        Exit.setExitProcedure(refuse);
        Exit.setHaltProcedure(refuse);
    }
}
