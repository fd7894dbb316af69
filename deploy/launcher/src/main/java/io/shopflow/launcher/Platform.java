package io.shopflow.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

import io.shopflow.infra.PostgresUnavailableException;

/**
 * Entry point of the launcher jar: {@code up}, {@code dev <service>...}, {@code logs}, {@code help}. Usually run through the
 * {@code ./platform} script in the project root, which builds what is missing first.
 */
public final class Platform {

    /** Service logs, relative to the project root; the directory is git-ignored. */
    static final Path LOG_DIR = Path.of(".platform", "logs");
    /** Kafka's topics between runs, kept as the databases are (git-ignored too); {@code --fresh} clears both. */
    static final Path KAFKA_DATA_DIR = Path.of(".platform", "kafka");

    private static final String USAGE = """
            Usage: ./platform <command>

              up [--fresh] [--logs[=<service>,...]]
                               start Kafka, PostgreSQL and every built service; Ctrl-C stops them all.
                               Service databases and Kafka's topics are kept between runs (.platform/kafka);
                               --fresh drops and recreates both.
                               --logs follows every service's log here, each line after its service's name
                               (--logs=order-service,api-gateway: only theirs).
              dev <service>... [--fresh] [--logs[=<service>,...]]
                               the same platform, with the named services in Quarkus dev mode (live reload,
                               Dev UI) and the others from their jars; follows the dev-mode services' logs
                               unless --logs says otherwise
              logs [<service>...]
                               follow the running platform's logs (all, or the named services') in one stream
              help             this text

            Service logs are kept in .platform/logs/<service>.log.
            PostgreSQL: a server given by SHOPFLOW_PG_HOST/PORT/USER/PASSWORD, else one at 127.0.0.1:5432,
            else an embedded one. SHOPFLOW_PG_MODE=embedded forces the embedded one, =server forbids it.
            """;
    private static final String LOGS_OPTION = "--logs";

    private final Path projectRoot;
    private final PrintStream out;
    /** Whether standard output is a terminal that shows colours (the ./platform script tells). */
    private final boolean colour;

    Platform(Path projectRoot, PrintStream out, boolean colour) {
        this.projectRoot = projectRoot;
        this.out = out;
        this.colour = colour;
    }

    public static void main(String[] args) {
        LauncherLogging.configure();
        Path projectRoot = Path.of(System.getProperty("shopflow.root", "")).toAbsolutePath().normalize();
        int exitCode;
        try {
            exitCode = new Platform(projectRoot, System.out, Boolean.getBoolean("shopflow.colour")).run(List.of(args));
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
        ServiceCatalogue catalogue = ServiceCatalogue.load();
        switch (command) {
            case "up", "dev" -> {
                List<String> names = options.stream().filter(option -> !option.startsWith("--")).toList();
                List<String> unknown = options.stream().filter(option -> option.startsWith("--")
                        && !option.equals("--fresh") && !option.equals(LOGS_OPTION)
                        && !option.startsWith(LOGS_OPTION + "=")).toList();
                if (!unknown.isEmpty()) {
                    return usageError(command + " does not know " + unknown);
                }
                if (command.equals("up") && !names.isEmpty()) {
                    return usageError("up takes no service names (dev does), got " + names);
                }
                if (command.equals("dev") && names.isEmpty()) {
                    return usageError("dev needs the names of the services to run in dev mode, of "
                            + catalogue.names());
                }
                return new UpCommand(projectRoot, catalogue, out).run(new LinkedHashSet<>(names),
                        options.contains("--fresh"), followed(options, names, catalogue), colour);
            }
            case "logs" -> {
                return new LogsCommand(projectRoot, catalogue, out).run(options, colour);
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

    /** The services whose logs {@code --logs} asks to follow; without it, those in dev mode. */
    private static List<String> followed(List<String> options, List<String> inDevMode, ServiceCatalogue catalogue) {
        for (String option : options) {
            if (option.equals(LOGS_OPTION)) {
                return catalogue.names();
            }
            if (option.startsWith(LOGS_OPTION + "=")) {
                return Arrays.stream(option.substring(LOGS_OPTION.length() + 1).split(","))
                        .map(String::trim).filter(name -> !name.isEmpty()).toList();
            }
        }
        return inDevMode;
    }

    private int usageError(String problem) {
        out.println(problem);
        out.println();
        out.print(USAGE);
        return 2;
    }
}
