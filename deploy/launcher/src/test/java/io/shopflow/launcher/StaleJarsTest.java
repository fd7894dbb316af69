package io.shopflow.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleJarsTest {

    private static final Instant BUILT = Instant.parse("2026-12-06T03:00:00Z");

    @TempDir
    Path project;

    private final ServiceDefinition orders = new ServiceDefinition("order-service", 8082, 9182, OptionalInt.empty(),
            Optional.of("orders"));
    private Path contracts;

    @BeforeEach
    void aPackagedServiceWithTwoSharedModules() throws Exception {
        Path app = project.resolve("services/order-service/target/quarkus-app");
        touch(app.resolve("quarkus-run.jar"), BUILT);
        touch(app.resolve("lib/main/io.shopflow.event-contracts-0.1.0-SNAPSHOT.jar"), BUILT);
        touch(app.resolve("lib/main/io.shopflow.quarkus-events-0.1.0-SNAPSHOT.jar"), BUILT);
        touch(app.resolve("lib/main/io.quarkus.quarkus-core-3.29.0.jar"), BUILT);
        contracts = project.resolve("shared-events/event-contracts/src/main/java/Contract.java");
        touch(contracts, BUILT.minusSeconds(60));
        touch(project.resolve("shared-events/event-contracts/pom.xml"), BUILT.minusSeconds(60));
        touch(project.resolve("shared-events/quarkus-events/pom.xml"), BUILT.minusSeconds(60));
        // Not packaged into order-service: its changes are none of order-service's business.
        touch(project.resolve("shared-events/events-testing/pom.xml"), BUILT.plusSeconds(60));
    }

    @Test
    void a_jar_built_after_every_change_is_current() {
        assertTrue(StaleJars.find(project, List.of(orders)).isEmpty());
    }

    @Test
    void a_shared_module_changed_since_the_build_makes_the_services_packaging_it_stale() throws Exception {
        touch(contracts, BUILT.plusSeconds(1));

        var stale = StaleJars.find(project, List.of(orders));

        assertEquals(Map.of("order-service", List.of("event-contracts")), stale);
        assertTrue(StaleJars.describe(stale).contains("-pl services/order-service -am"), StaleJars.describe(stale));
    }

    private static void touch(Path file, Instant modified) throws Exception {
        Files.createDirectories(file.getParent());
        if (!Files.exists(file)) {
            Files.createFile(file);
        }
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }
}
