package io.shopflow.infra;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * How to find or start PostgreSQL, read from environment variables ({@code SHOPFLOW_PG_HOST}) or system
 * properties ({@code shopflow.pg.host}); a system property wins over the environment variable.
 *
 * @param mode             {@code SHOPFLOW_PG_MODE}: which kinds of server may be used
 * @param configuredServer set when {@code SHOPFLOW_PG_HOST} or {@code SHOPFLOW_PG_PORT} is given
 * @param localServer      the conventional local server, tried when nothing is configured
 * @param embeddedWorkDir  {@code SHOPFLOW_PG_WORKDIR}: where embedded binaries are unpacked (kept between runs) and
 *                         data directories are created
 */
public record PostgresSettings(
        Mode mode,
        Optional<PostgresCoordinates> configuredServer,
        PostgresCoordinates localServer,
        Path embeddedWorkDir) {

    public enum Mode {
        /** A configured server, else a local one, else an embedded one. */
        AUTO,
        /** A configured or local server only; never start an embedded one. */
        SERVER,
        /** Always start a private embedded server. */
        EMBEDDED
    }

    static final String LOCAL_HOST = "127.0.0.1";
    static final int DEFAULT_PORT = 5432;
    static final String DEFAULT_USER = "postgres";
    static final String DEFAULT_PASSWORD = "postgres";

    public static PostgresSettings fromEnvironment() {
        return from(name -> Optional.ofNullable(System.getProperty(propertyName(name))).orElseGet(() -> System.getenv(name)));
    }

    /** @param lookup answers a {@code SHOPFLOW_PG_*} name with its value, or null */
    static PostgresSettings from(UnaryOperator<String> lookup) {
        Optional<String> host = value(lookup, "SHOPFLOW_PG_HOST");
        Optional<String> port = value(lookup, "SHOPFLOW_PG_PORT");
        String user = value(lookup, "SHOPFLOW_PG_USER").orElse(DEFAULT_USER);
        String password = value(lookup, "SHOPFLOW_PG_PASSWORD").orElse(DEFAULT_PASSWORD);
        Optional<PostgresCoordinates> configured = host.isPresent() || port.isPresent()
                ? Optional.of(new PostgresCoordinates(host.orElse(LOCAL_HOST), port.map(PostgresSettings::parsePort).orElse(DEFAULT_PORT), user, password))
                : Optional.empty();
        Mode mode = value(lookup, "SHOPFLOW_PG_MODE").map(PostgresSettings::parseMode).orElse(Mode.AUTO);
        Path workDir = value(lookup, "SHOPFLOW_PG_WORKDIR").map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir"), "shopflow-embedded-postgres"));
        return new PostgresSettings(mode, configured, new PostgresCoordinates(LOCAL_HOST, DEFAULT_PORT, user, password), workDir);
    }

    /** {@code SHOPFLOW_PG_HOST} becomes {@code shopflow.pg.host}. */
    static String propertyName(String environmentName) {
        return environmentName.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    private static Optional<String> value(UnaryOperator<String> lookup, String name) {
        return Optional.ofNullable(lookup.apply(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static int parsePort(String port) {
        try {
            return Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("SHOPFLOW_PG_PORT must be a number, got '" + port + "'", e);
        }
    }

    private static Mode parseMode(String mode) {
        try {
            return Mode.valueOf(mode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SHOPFLOW_PG_MODE must be one of auto, server, embedded; got '" + mode + "'", e);
        }
    }
}
