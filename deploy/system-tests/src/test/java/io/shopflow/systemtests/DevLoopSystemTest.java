package io.shopflow.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.shopflow.topology.Topology;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inner loop as a developer meets it: {@code ./platform dev order-service} in a copy of the project (its own
 * sources to edit, its own embedded PostgreSQL), the whole platform around the dev-mode service, an order placed
 * through the gateway, an edit to order-service's code seen through the gateway, then a service killed from outside
 * and the platform stopped with SIGTERM: within ten seconds, no process and no port left behind.
 *
 * <p>Runs in a Surefire execution of its own (see the pom), after the shared platform of the other system tests has
 * stopped: it binds the same ports. The last test stops the platform the first ones use, hence the order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DevLoopSystemTest {

    private static final String DEV_SERVICE = "order-service";
    private static final Path EDITED = Path.of("services/order-service/src/main/java/io/shopflow/order/domain/OrderProblems.java");
    private static final String BEFORE = "No order with id ";
    private static final String AFTER = "There is no order with id ";
    /** Dev mode compiles order-service and the shared modules it uses before it starts: minutes on two cores. */
    private static final Duration START_PATIENCE = Duration.ofMinutes(12);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(10);
    private static final Pattern ARCHIVE_OPTION = Pattern.compile("-XX:SharedArchiveFile=(\\S+)");
    /** Build output the platform does not run; copying it would only cost time and disk. */
    private static final Set<String> NOT_COPIED = Set.of(".git", "node_modules", ".platform",
            "deploy/system-tests/target", "deploy/benchmarks/target");

    @TempDir
    static Path copy;
    private static Process launcher;
    private static Path output;
    private final JsonHttp http = new JsonHttp();

    @BeforeAll
    static void startDevMode() throws IOException {
        Path root = Path.of(System.getProperty("shopflow.root", "../..")).toAbsolutePath().normalize();
        copyProject(root, copy);
        output = copy.resolve("platform.out");
        var command = new ProcessBuilder(copy.resolve("platform").toString(), "dev", DEV_SERVICE, "--no-build")
                .directory(copy.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        // A PostgreSQL of its own: dev runs on the catalogue's database names, which must not be a developer's.
        command.environment().put("SHOPFLOW_PG_MODE", "embedded");
        String repository = System.getProperty("maven.repo.local");
        if (repository != null) {
            command.environment().merge("MAVEN_ARGS", "-Dmaven.repo.local=" + repository, (args, more) -> args + " " + more);
        }
        launcher = command.start();
        await("the platform up, " + DEV_SERVICE + " in dev mode").atMost(START_PATIENCE).pollInterval(Duration.ofSeconds(1))
                .until(() -> printed().contains("Shopflow is up") || !launcher.isAlive());
        assertThat(launcher.isAlive()).as("the launcher ended:%n%s", printed()).isTrue();
    }

    @Test
    @Order(1)
    void an_order_goes_through_the_dev_mode_service_and_an_edit_to_its_code_is_served_on_the_next_request()
            throws IOException {
        http.signIn(http.post(api("/dev/tokens"), Map.of("subject", "dev-loop",
                "permissions", List.of("orders:read", "orders:write", "admin:orders", "admin:users")))
                .body().get("token").asText());
        String user = http.post(api("/api/v1/users"), Map.of("name", "Dev Loop", "email",
                "dev-loop-" + UUID.randomUUID() + "@example.com", "address", "1 Loop Lane", "initialCredit", 1_000_000))
                .body().get("id").asText();
        String sku = http.get(api("/api/v1/products")).get(0).get("sku").asText();
        var placed = http.post(api("/api/v1/orders"), Map.of("userId", user,
                "lines", List.of(Map.of("sku", sku, "quantity", 1))));
        assertThat(placed.status()).as("%s", placed.body()).isEqualTo(202);
        URI order = api("/api/v1/orders/" + placed.body().get("id").asText());
        await("the order's saga ended").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                .until(() -> Set.of("SHIPPED", "CANCELLED").contains(http.get(order).get("status").asText()));

        URI unknown = api("/api/v1/orders/" + UUID.randomUUID());
        assertThat(notFoundDetail(unknown)).startsWith(BEFORE);
        Path source = copy.resolve(EDITED);
        Files.writeString(source, Files.readString(source).replace('"' + BEFORE + '"', '"' + AFTER + '"'));
        // While dev mode recompiles, a request may wait past the client's timeout or get the gateway's 504.
        await("the edit served through the gateway").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions().until(() -> notFoundDetail(unknown).startsWith(AFTER));
    }

    /**
     * The copy had no start-up archives, as after a build: the launcher recorded them with a start of its own before
     * the platform's, and every packaged service then started from its archive, which its JVM could use.
     */
    @Test
    @Order(2)
    void the_packaged_services_started_from_the_archives_their_first_start_recorded() throws IOException {
        assertThat(printed()).contains("Recording start-up archives");
        List<String> packaged = launcher.descendants().map(process -> process.info().commandLine().orElse(""))
                .filter(commandLine -> commandLine.contains("quarkus-run.jar")).toList();
        assertThat(packaged).as("the services running from jars").hasSize(catalogue().stringPropertyNames().stream()
                .filter(key -> key.endsWith(".http-port")).toList().size() - 1);
        for (String commandLine : packaged) {
            Matcher archive = ARCHIVE_OPTION.matcher(commandLine);
            assertThat(archive.find()).as("an archive in %s", commandLine).isTrue();
            assertThat(Path.of(archive.group(1))).isRegularFile();
        }
        try (var logs = Files.list(copy.resolve(".platform/logs"))) {
            for (Path log : logs.toList()) {
                assertThat(Files.readString(log)).as("%s", log).doesNotContain("Unable to use shared archive");
            }
        }
    }

    @Test
    @Order(3)
    void a_service_killed_from_outside_stops_alone_and_sigterm_stops_everything_within_ten_seconds() throws Exception {
        ProcessHandle provider = launcher.descendants()
                .filter(process -> process.info().commandLine().orElse("").contains("services/payment-provider/"))
                .findFirst().orElseThrow(() -> new AssertionError("no payment-provider process"));
        provider.destroyForcibly();
        await("the launcher noticed").atMost(Duration.ofSeconds(30))
                .until(() -> printed().contains("payment-provider stopped by itself"));
        assertThat(launcher.isAlive()).as("the launcher goes on").isTrue();
        for (String service : List.of("api-gateway", DEV_SERVICE, "user-service")) {
            assertThat(http.ask(URI.create("http://localhost:" + catalogue().getProperty(service + ".management-port")
                    + "/q/health/live")).status()).as("%s serves on", service).isEqualTo(200);
        }

        List<ProcessHandle> started = launcher.descendants().toList();
        long stopping = System.nanoTime();
        launcher.destroy(); // SIGTERM to the launcher alone, as a service manager would send it
        assertThat(launcher.waitFor(STOP_LIMIT.toMillis() * 3, TimeUnit.MILLISECONDS)).isTrue();
        Duration took = Duration.ofNanos(System.nanoTime() - stopping);
        System.out.printf("dev platform (%d processes) stopped in %.1f s%n", started.size(), took.toMillis() / 1000.0);

        assertThat(took).as("stop time; the launcher said:%n%s", printed()).isLessThanOrEqualTo(STOP_LIMIT);
        assertThat(started).as("processes left behind").noneMatch(ProcessHandle::isAlive);
        assertThat(cataloguePorts()).as("ports still listening").noneMatch(DevLoopSystemTest::listening);
    }

    @AfterAll
    static void stopWhateverIsLeft() {
        if (launcher != null && launcher.isAlive()) {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
    }

    private String notFoundDetail(URI unknownOrder) {
        var answer = http.ask(unknownOrder);
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(404);
        JsonNode detail = answer.body().get("detail");
        return detail == null ? "" : detail.asText();
    }

    private static URI api(String path) {
        return URI.create("http://localhost:" + catalogue().getProperty("api-gateway.http-port") + path);
    }

    private static String printed() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    /** The topology catalogue, where every port is given. */
    private static Properties catalogue() {
        return Topology.load();
    }

    /** The ports the platform listens on; its tests' ports are not ./platform's. */
    private static List<Integer> cataloguePorts() {
        var catalogue = catalogue();
        return catalogue.stringPropertyNames().stream()
                .filter(key -> key.endsWith("-port") && !key.endsWith("-test-port"))
                .map(key -> Integer.parseInt(catalogue.getProperty(key).trim())).toList();
    }

    private static boolean listening(int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /** The sources and the packaged services, as they are (times included: nothing looks changed since the build). */
    private static void copyProject(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                if (NOT_COPIED.contains(from.relativize(dir).toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
