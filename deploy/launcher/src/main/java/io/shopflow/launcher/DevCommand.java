package io.shopflow.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code dev <service>}: the same infrastructure as {@code up}, then that one service in Quarkus dev mode (live
 * reload, dev UI, continuous testing) through the Maven wrapper, attached to this terminal.
 */
final class DevCommand {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final Path projectRoot;
    private final ServiceCatalogue catalogue;
    private final PrintStream out;

    DevCommand(Path projectRoot, ServiceCatalogue catalogue, PrintStream out) {
        this.projectRoot = projectRoot;
        this.catalogue = catalogue;
        this.out = out;
    }

    /**
     * {@code -am} puts the modules the service depends on into the reactor, so dev mode compiles them and
     * reloads their changes too; for those library modules quarkus:dev itself is a no-op. Build analytics
     * are off because their first-run question would hold dev mode up for ten seconds on every start.
     */
    static List<String> mavenArguments(Path mavenWrapper, ServiceDefinition service) {
        return List.of(mavenWrapper.toString(), "quarkus:dev", "-pl", service.modulePath(), "-am",
                "-Dquarkus.analytics.disabled=true");
    }

    int run(String serviceName) throws InterruptedException {
        ServiceDefinition service = catalogue.find(serviceName).orElseThrow(() -> new LaunchException(
                "Unknown service '" + serviceName + "'. The catalogue (" + ServiceCatalogue.RESOURCE + ") has: "
                        + String.join(", ", catalogue.names())));
        Path mavenWrapper = projectRoot.resolve("mvnw");
        if (!Files.isExecutable(mavenWrapper)) {
            throw new LaunchException("Dev mode runs through the Maven wrapper, but " + mavenWrapper
                    + " is missing or not executable. Run the launcher from the project root.");
        }
        List<String> takenPorts = Ports.taken(List.of(service));
        if (!takenPorts.isEmpty()) {
            throw new LaunchException("Cannot start dev mode:\n  " + String.join("\n  ", takenPorts));
        }

        out.println("Starting infrastructure");
        Infrastructure infrastructure = Infrastructure.start(out);
        Process maven;
        try {
            infrastructure.prepareDatabase(service, false);
            maven = startMaven(mavenWrapper, service, infrastructure);
        } catch (RuntimeException e) {
            infrastructure.close();
            throw e;
        }

        Runnable stopAll = stopOnce(maven, infrastructure);
        // Ctrl-C reaches Maven directly (same terminal); SIGTERM to the launcher alone still stops everything.
        Runtime.getRuntime().addShutdownHook(new Thread(stopAll, "shopflow-dev-stop"));
        int exitCode = maven.waitFor();
        stopAll.run();
        return exitCode;
    }

    private Process startMaven(Path mavenWrapper, ServiceDefinition service, Infrastructure infrastructure) {
        out.printf("Starting %s in dev mode: %s%n%n", service.name(),
                String.join(" ", mavenArguments(projectRoot.relativize(mavenWrapper), service)));
        ProcessBuilder builder = new ProcessBuilder(mavenArguments(mavenWrapper, service))
                .directory(projectRoot.toFile())
                .inheritIO();
        builder.environment().putAll(infrastructure.environmentFor(service));
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + mavenWrapper, e);
        }
    }

    private Runnable stopOnce(Process maven, Infrastructure infrastructure) {
        AtomicBoolean stopped = new AtomicBoolean();
        return () -> {
            if (stopped.compareAndSet(false, true)) {
                ChildProcesses.stop(maven, STOP_GRACE);
                infrastructure.close();
                out.println("Dev mode ended; Kafka stopped" + (infrastructure.postgres().isEmbedded() ? ", embedded PostgreSQL stopped" : ""));
            }
        };
    }
}
