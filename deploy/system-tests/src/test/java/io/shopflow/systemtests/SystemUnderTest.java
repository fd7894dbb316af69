package io.shopflow.systemtests;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopflow.launcher.LocalPlatform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The running platform every system test class uses, started once for all of them and stopped after the last
 * (JUnit closes what its root store holds): all services, a real broker and PostgreSQL, and an {@link OtlpReceiver}
 * that every service exports its spans to. Services record only the traces a caller asks them to (a sampled
 * {@code traceparent}), so the load tests make no spans and a test that wants one order's trace gets exactly that.
 * Services log JSON lines, as in a container, with a line per event consumed ({@link #logLines}).
 * A test class asks for it as a parameter of its {@code @BeforeAll} method.
 */
final class SystemUnderTest implements ExtensionContext.Store.CloseableResource {

    /** Hands {@link SystemUnderTest} to the test classes that {@code @ExtendWith} it. */
    static final class Shared implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == SystemUnderTest.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent(SystemUnderTest.class, key -> start(), SystemUnderTest.class);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The key of the gateway's one API client in the tests, {@code client:systemtests}, made for this run. */
    static final String API_KEY = UUID.randomUUID().toString();
    /** What that client may do. */
    static final String API_KEY_PERMISSIONS = "orders:read";

    private final Path projectRoot;
    private final Path logs;
    private final OtlpReceiver traces;
    private final LocalPlatform platform;

    private SystemUnderTest(Path projectRoot, Path logs, OtlpReceiver traces, LocalPlatform platform) {
        this.projectRoot = projectRoot;
        this.logs = logs;
        this.traces = traces;
        this.platform = platform;
    }

    private static SystemUnderTest start() {
        Path root = Path.of(System.getProperty("shopflow.root", "../..")).toAbsolutePath().normalize();
        Path logs = root.resolve("deploy/system-tests/target/platform-logs");
        OtlpReceiver traces;
        try {
            traces = OtlpReceiver.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the OTLP receiver", e);
        }
        var observed = Map.of("shopflow.tracing.endpoint", traces.endpoint().toString(),
                "shopflow.tracing.sample-ratio", "0",
                "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf",
                "quarkus.otel.bsp.schedule.delay", "200ms",
                // Logs as in a container, with a line for each event consumed.
                "quarkus.log.console.json.enabled", "true",
                "quarkus.log.category.\"io.shopflow.events\".level", "DEBUG");
        try {
            var apiClient = Map.of("shopflow.gateway.api-keys.systemtests.sha256", sha256(API_KEY),
                    "shopflow.gateway.api-keys.systemtests.permissions", API_KEY_PERMISSIONS);
            return new SystemUnderTest(root, logs, traces, LocalPlatform.start(root, logs, System.out,
                    Map.of(LocalPlatform.EVERY_SERVICE, observed, "api-gateway", apiClient)));
        } catch (RuntimeException e) {
            traces.close();
            throw e;
        }
    }

    private static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code path} of the public API, through the gateway. */
    URI api(String path) {
        return platform.http("api-gateway").resolve(path);
    }

    /** Every service of the platform, as the launcher's catalogue lists them. */
    List<String> services() {
        return platform.serviceNames();
    }

    /** {@code path} on {@code service} itself, for what is not public. */
    URI direct(String service, String path) {
        return platform.http(service).resolve(path);
    }

    /** {@code service}'s gRPC server as a gRPC client names it, e.g. {@code localhost:19081}. */
    String grpcAddress(String service) {
        URI server = platform.grpc(service);
        return server.getHost() + ":" + server.getPort();
    }

    /** {@code path} on {@code service}'s management interface: health, metrics, its OpenAPI document. */
    URI management(String service, String path) {
        return platform.management(service).resolve(path);
    }

    /** A connection to {@code service}'s own database, to see what it wrote. */
    Connection database(String service) throws SQLException {
        return platform.database(service);
    }

    /** Chaos: see {@link LocalPlatform#killAndRestart}. */
    void killAndRestart(String service) throws InterruptedException {
        platform.killAndRestart(service);
    }

    /** Chaos: see {@link LocalPlatform#restartKafka}. */
    void restartKafka(Duration downtime) throws InterruptedException {
        platform.restartKafka(downtime);
    }

    /** Chaos: see {@link LocalPlatform#cutDatabases}. */
    void cutDatabases(Duration downtime) throws InterruptedException {
        platform.cutDatabases(downtime);
    }

    String kafkaBootstrapServers() {
        return platform.kafkaBootstrapServers();
    }

    /** The checkout the platform runs from, for the configuration files in it. */
    Path projectRoot() {
        return projectRoot;
    }

    OtlpReceiver traces() {
        return traces;
    }

    /** Every line {@code service} has logged so far, each read as the JSON object it must be. */
    List<JsonNode> logLines(String service) throws IOException {
        var lines = new ArrayList<JsonNode>();
        for (String line : Files.readAllLines(logs.resolve(service + ".log"))) {
            try {
                lines.add(JSON.readTree(line));
            } catch (JsonProcessingException e) {
                throw new AssertionError(service + " logged a line that is not JSON: " + line, e);
            }
        }
        return lines;
    }

    @Override
    public void close() {
        platform.close();
        traces.close();
    }
}
