package io.shopflow.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

/** Command-line handling only: none of these cases may start any infrastructure. */
class PlatformTest {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final Platform platform = new Platform(Path.of("/nonexistent"), new PrintStream(output, true, StandardCharsets.UTF_8), false);

    @Test
    void helpPrintsTheCommands() throws Exception {
        assertEquals(0, platform.run(List.of("help")));
        assertTrue(printed().contains("up [--fresh]") && printed().contains("dev <service>"), printed());
    }

    @Test
    void noCommandMeansHelp() throws Exception {
        assertEquals(0, platform.run(List.of()));
        assertTrue(printed().startsWith("Usage"), printed());
    }

    @Test
    void anUnknownCommandIsAUsageError() throws Exception {
        assertEquals(2, platform.run(List.of("down")));
        assertTrue(printed().contains("Unknown command 'down'"), printed());
    }

    @Test
    void devNeedsAServiceName() throws Exception {
        assertEquals(2, platform.run(List.of("dev")));
        assertTrue(printed().contains("user-service"), printed());
    }

    @Test
    void upRejectsOptionsItDoesNotKnow() throws Exception {
        assertEquals(2, platform.run(List.of("up", "--fast")));
    }

    @Test
    void devRefusesAServiceTheCatalogueDoesNotList() {
        LaunchException failure = assertThrows(LaunchException.class, () -> platform.run(List.of("dev", "billing-service")));

        assertTrue(failure.getMessage().contains("Unknown service 'billing-service'"), failure.getMessage());
        assertTrue(failure.getMessage().contains("user-service"), failure.getMessage());
    }

    @Test
    void devRunsTheServiceModuleThroughTheMavenWrapperWithItsUpstreamModules() {
        ServiceCommand devMode = ServiceCommand.devMode(new ServiceDefinition("user-service", 8081, 9181,
                OptionalInt.empty(), Optional.of("users")), Path.of("/shopflow"));

        assertEquals(List.of("/shopflow/mvnw", "-B", "quarkus:dev", "-pl", "services/user-service", "-am",
                "-Dquarkus.analytics.disabled=true"), devMode.arguments());
        assertEquals(Path.of("/shopflow"), devMode.directory());
    }

    @Test
    void devRefusesToFollowTheLogsOfAServiceTheCatalogueDoesNotList() {
        LaunchException failure = assertThrows(LaunchException.class,
                () -> platform.run(List.of("dev", "user-service", "--logs=billing-service")));

        assertTrue(failure.getMessage().contains("Unknown service 'billing-service'"), failure.getMessage());
    }

    @Test
    void upTakesNoServiceNames() throws Exception {
        assertEquals(2, platform.run(List.of("up", "order-service")));
        assertTrue(printed().contains("dev does"), printed());
    }

    @Test
    void logsRefusesAServiceTheCatalogueDoesNotList() {
        LaunchException failure = assertThrows(LaunchException.class, () -> platform.run(List.of("logs", "billing")));

        assertTrue(failure.getMessage().contains("Unknown service 'billing'"), failure.getMessage());
    }

    private String printed() {
        return output.toString(StandardCharsets.UTF_8);
    }
}
