package io.shopflow.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import io.shopflow.infra.PostgresUnavailableException;

/**
 * Entry point of the launcher jar: {@code up}, {@code dev <service>}, {@code help}. Usually run through the
 * {@code ./platform} script in the project root, which builds what is missing first.
 */
public final class Platform {

    /** Service logs, relative to the project root; the directory is git-ignored. */
    static final Path LOG_DIR = Path.of(".platform", "logs");

    private static final String USAGE = """
            Usage: ./platform <command>

              up [--fresh]     start Kafka, PostgreSQL and every built service; Ctrl-C stops them all.
                               Service databases are kept between runs; --fresh drops and recreates them.
              dev <service>    start Kafka and PostgreSQL, then <service> in Quarkus dev mode (live reload)
              help             this text

            PostgreSQL: a server given by SHOPFLOW_PG_HOST/PORT/USER/PASSWORD, else one at 127.0.0.1:5432,
            else an embedded one. SHOPFLOW_PG_MODE=embedded forces the embedded one, =server forbids it.
            """;

    private final Path projectRoot;
    private final PrintStream out;

    Platform(Path projectRoot, PrintStream out) {
        this.projectRoot = projectRoot;
        this.out = out;
    }

    public static void main(String[] args) {
        LauncherLogging.configure();
        Path projectRoot = Path.of(System.getProperty("shopflow.root", "")).toAbsolutePath().normalize();
        int exitCode;
        try {
            exitCode = new Platform(projectRoot, System.out).run(List.of(args));
        } catch (LaunchException | PostgresUnavailableException e) {
            System.err.println(e.getMessage());
            exitCode = 1;
        } catch (InterruptedException e) {
            exitCode = 130;
        }
        // Explicitly: a Kafka broker keeps non-daemon threads alive until the shutdown hooks stop it.
        System.exit(exitCode);
    }

    int run(List<String> args) throws InterruptedException {
        String command = args.isEmpty() ? "help" : args.get(0);
        List<String> options = args.subList(Math.min(1, args.size()), args.size());
        switch (command) {
            case "up" -> {
                if (!options.isEmpty() && !options.equals(List.of("--fresh"))) {
                    return usageError("up takes only --fresh, got " + options);
                }
                return new UpCommand(projectRoot, ServiceCatalogue.load(), out).run(options.contains("--fresh"));
            }
            case "dev" -> {
                if (options.size() != 1) {
                    return usageError("dev takes exactly one service name, one of " + ServiceCatalogue.load().names());
                }
                return new DevCommand(projectRoot, ServiceCatalogue.load(), out).run(options.get(0));
            }
            case "help", "-h", "--help" -> {
                out.print(USAGE);
                return 0;
            }
            default -> {
                return usageError("Unknown command '" + command + "'");
            }
        }
    }

    private int usageError(String problem) {
        out.println(problem);
        out.println();
        out.print(USAGE);
        return 2;
    }
}
