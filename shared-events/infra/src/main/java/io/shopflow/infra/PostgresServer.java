package io.shopflow.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import io.shopflow.infra.PostgresSettings.Mode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server to create databases on: one that already runs, or a private embedded one.
 *
 * <p>{@link #locateOrStart()} looks, in this order, for
 * <ol>
 *   <li>the server configured with {@code SHOPFLOW_PG_HOST}/{@code SHOPFLOW_PG_PORT} (see {@link PostgresSettings});
 *   <li>a server at 127.0.0.1:5432 that lets user {@code postgres} in;
 *   <li>an embedded server started from the PostgreSQL binaries shipped as a Maven artifact;
 * </ol>
 * and otherwise fails with a {@link PostgresUnavailableException} that says what to provide.
 * {@link #close()} stops only an embedded server this instance started; a server found running is left running.
 */
public final class PostgresServer implements AutoCloseable {

    static final String MAINTENANCE_DATABASE = "postgres";
    /** Lower-case identifiers only: they need no quoting rules and cannot smuggle SQL into DDL. */
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Duration EMBEDDED_STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final PostgresCoordinates coordinates;
    private final String origin;
    private final EmbeddedPostgres embedded;
    private boolean closed;

    private PostgresServer(PostgresCoordinates coordinates, String origin, EmbeddedPostgres embedded) {
        this.coordinates = coordinates;
        this.origin = origin;
        this.embedded = embedded;
    }

    public static PostgresServer locateOrStart() {
        return locateOrStart(PostgresSettings.fromEnvironment(), PostgresProbe.jdbc(), EmbeddedBinaries.forThisMachine());
    }

    /** The decision itself, with the machine's conditions passed in so they can be varied. */
    static PostgresServer locateOrStart(PostgresSettings settings, PostgresProbe probe, EmbeddedBinaries binaries) {
        List<String> tried = new ArrayList<>();
        if (settings.mode() != Mode.EMBEDDED) {
            Optional<PostgresCoordinates> configured = settings.configuredServer();
            if (configured.isPresent()) {
                // Explicit configuration states an intent: silently using some other server would hide the mistake.
                probe.problemConnecting(configured.get()).ifPresent(problem -> {
                    throw new PostgresUnavailableException("The PostgreSQL server configured with SHOPFLOW_PG_HOST/"
                            + "SHOPFLOW_PG_PORT (" + configured.get() + ") cannot be used: " + problem);
                });
                return running(configured.get(), "configured server");
            }
            PostgresCoordinates local = settings.localServer();
            Optional<String> localProblem = probe.problemConnecting(local);
            if (localProblem.isEmpty()) {
                return running(local, "local server");
            }
            tried.add("a local server at " + local + ": " + localProblem.get());
        }
        if (settings.mode() != Mode.SERVER) {
            if (binaries.present()) {
                return startEmbedded(settings.embeddedWorkDir());
            }
            tried.add("an embedded server: " + binaries.artifact() + " is not on the classpath");
        }
        throw new PostgresUnavailableException(howToProvideOne(settings.mode(), tried, binaries));
    }

    /** A server known to be running, e.g. one found earlier; {@link #close()} leaves it running. */
    public static PostgresServer running(PostgresCoordinates coordinates, String origin) {
        return new PostgresServer(coordinates, origin, null);
    }

    public void createDatabase(String name) {
        execute("CREATE DATABASE " + checkedName(name));
    }

    /** Creates the database unless it exists already; what it holds is left as it is. */
    public void createDatabaseIfMissing(String name) {
        if (!databaseExists(checkedName(name))) {
            createDatabase(name);
        }
    }

    public boolean databaseExists(String name) {
        try (Connection connection = connectToMaintenanceDatabase();
             PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot list the databases of " + describe() + ": " + e.getMessage(), e);
        }
    }

    /** Drops the database even while clients are still connected: FORCE terminates their sessions first. */
    public void dropDatabase(String name) {
        execute("DROP DATABASE IF EXISTS " + checkedName(name) + " WITH (FORCE)");
    }

    /**
     * Turns new connections to the database away and ends the open ones: to its clients the database is down, while
     * the server and its other databases go on. {@link #acceptConnections} ends the outage.
     */
    public void refuseConnections(String name) {
        String database = checkedName(name);
        execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
        execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
    }

    public void acceptConnections(String name) {
        execute("ALTER DATABASE " + checkedName(name) + " ALLOW_CONNECTIONS true");
    }

    public String jdbcUrl(String database) {
        return coordinates.jdbcUrl(database);
    }

    public String reactiveUrl(String database) {
        return coordinates.reactiveUrl(database);
    }

    public PostgresCoordinates coordinates() {
        return coordinates;
    }

    public String host() {
        return coordinates.host();
    }

    public int port() {
        return coordinates.port();
    }

    public String username() {
        return coordinates.username();
    }

    public String password() {
        return coordinates.password();
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    /** A line for humans: which server this is and how it was found. */
    public String describe() {
        return "PostgreSQL " + coordinates + " (" + origin + ")";
    }

    /** How it was found: "local server", "embedded, started in /tmp/...". */
    public String origin() {
        return origin;
    }

    @Override
    public synchronized void close() {
        if (closed || embedded == null) {
            return;
        }
        closed = true;
        try {
            embedded.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop the embedded PostgreSQL server", e);
        }
    }

    private static PostgresServer startEmbedded(Path workDir) {
        InfraLogging.quiet();
        try {
            Files.createDirectories(workDir);
            EmbeddedPostgres embedded = EmbeddedPostgres.builder()
                    // Unpacked binaries are reused from here by later runs; stale data directories are cleaned.
                    .setOverrideWorkingDirectory(workDir.toFile())
                    // Owners close the server themselves; a second hook racing them only reports spurious errors.
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(EMBEDDED_STARTUP_TIMEOUT)
                    .start();
            // initdb ran with trust authentication for superuser postgres, so any password is accepted.
            PostgresCoordinates coordinates = new PostgresCoordinates("localhost", embedded.getPort(),
                    PostgresSettings.DEFAULT_USER, PostgresSettings.DEFAULT_PASSWORD);
            return new PostgresServer(coordinates, "embedded, started in " + workDir, embedded);
        } catch (IOException | RuntimeException e) {
            throw new PostgresUnavailableException("Could not start an embedded PostgreSQL server in " + workDir
                    + ": " + e.getMessage(), e);
        }
    }

    private static String howToProvideOne(Mode mode, List<String> tried, EmbeddedBinaries binaries) {
        StringBuilder message = new StringBuilder("No PostgreSQL server available (SHOPFLOW_PG_MODE=")
                .append(mode.name().toLowerCase(Locale.ROOT)).append("). Tried:\n");
        tried.forEach(attempt -> message.append("  - ").append(attempt).append('\n'));
        message.append("Provide one of:\n");
        if (mode != Mode.EMBEDDED) {
            message.append("  - a running PostgreSQL server whose user may create databases, given by the environment "
                    + "variables SHOPFLOW_PG_HOST, SHOPFLOW_PG_PORT, SHOPFLOW_PG_USER, SHOPFLOW_PG_PASSWORD "
                    + "(or system properties shopflow.pg.host, ...)\n");
        }
        if (mode != Mode.SERVER) {
            message.append("  - the PostgreSQL binaries for this OS/CPU on the classpath: Maven artifact ")
                    .append(binaries.artifact()).append(" (from Maven Central)\n");
        }
        return message.toString();
    }

    private static String checkedName(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Database name must match " + DATABASE_NAME + ": '" + name + "'");
        }
        return name;
    }

    private void execute(String ddl) {
        try (Connection connection = connectToMaintenanceDatabase(); Statement statement = connection.createStatement()) {
            statement.execute(ddl);
        } catch (SQLException e) {
            throw new IllegalStateException("'" + ddl + "' failed on " + describe() + ": " + e.getMessage(), e);
        }
    }

    private Connection connectToMaintenanceDatabase() throws SQLException {
        return PostgresConnections.open(coordinates, MAINTENANCE_DATABASE);
    }
}
