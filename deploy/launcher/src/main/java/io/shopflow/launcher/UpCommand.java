package io.shopflow.launcher;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * {@code up} and {@code dev}: the infrastructure, then every service, in the foreground until Ctrl-C; under
 * {@code dev} the named services run in Quarkus dev mode (live reload, Dev UI) and the rest from their jars, all on the
 * same ports, so the gateway and every other service reach the dev-mode ones as they would the packaged ones.
 */
final class UpCommand {

    /** How often {@code dev} looks for shared modules changed under the services that run from jars. */
    private static final Duration STALE_CHECK_EVERY = Duration.ofSeconds(5);

    private final Path projectRoot;
    private final ServiceCatalogue catalogue;
    private final PrintStream out;

    UpCommand(Path projectRoot, ServiceCatalogue catalogue, PrintStream out) {
        this.projectRoot = projectRoot;
        this.catalogue = catalogue;
        this.out = out;
    }

    /**
     * @param inDevMode the services to run in dev mode (none for {@code up})
     * @param logs      the services whose log lines to show in this terminal once everything is ready
     * @param colour    whether this terminal shows colours
     */
    int run(Set<String> inDevMode, boolean freshDatabases, List<String> logs, boolean colour)
            throws InterruptedException {
        inDevMode.forEach(catalogue::require);
        logs.forEach(catalogue::require);
        if (!inDevMode.isEmpty() && !Files.isExecutable(projectRoot.resolve("mvnw"))) {
            throw new LaunchException("Dev mode runs through the Maven wrapper, but " + projectRoot.resolve("mvnw")
                    + " is missing or not executable. Run the launcher from the project root.");
        }
        List<ServiceDefinition> services = runnableServices(inDevMode);
        List<ServiceDefinition> packaged = services.stream().filter(s -> !inDevMode.contains(s.name())).toList();
        reportStaleJars(packaged);

        RunningPlatform platform = PlatformStarter.start(projectRoot, services, inDevMode, freshDatabases, false,
                projectRoot.resolve(Platform.LOG_DIR), out, Map.of());
        out.print(Summary.of(platform.services(), platform.infrastructure().kafkaBootstrapServers(),
                platform.infrastructure().postgres().describe()));
        if (!inDevMode.isEmpty()) {
            watchForStaleJars(packaged);
        }
        if (!logs.isEmpty()) {
            out.println("Following the logs of " + String.join(", ", logs) + " (each line after its service's name):");
            Map<String, Path> files = new LinkedHashMap<>();
            platform.services().stream().filter(process -> logs.contains(process.service().name()))
                    .forEach(process -> files.put(process.service().name(), process.logFile()));
            LogStream.follow(files, false, colour, out);
        }
        out.println("Press Ctrl-C to stop everything.");
        // Nothing left to do but wait: Ctrl-C (SIGINT) or SIGTERM runs the platform's shutdown hook, which stops it all.
        new CountDownLatch(1).await();
        return 0;
    }

    /** Services are reported, never silently left out, when their jar has not been built. */
    private List<ServiceDefinition> runnableServices(Set<String> inDevMode) {
        List<ServiceDefinition> runnable = new ArrayList<>();
        for (ServiceDefinition service : catalogue.services()) {
            if (inDevMode.contains(service.name()) || Files.isRegularFile(service.runnerJar(projectRoot))) {
                runnable.add(service);
            } else {
                out.printf("Not starting %s: %s does not exist. Build it with ./platform up (without --no-build) "
                        + "or ./mvnw -DskipTests install%n", service.name(), projectRoot.relativize(service.runnerJar(projectRoot)));
            }
        }
        return runnable;
    }

    private void reportStaleJars(List<ServiceDefinition> packaged) {
        var stale = StaleJars.find(projectRoot, packaged);
        if (!stale.isEmpty()) {
            out.println(StaleJars.describe(stale));
        }
    }

    /** Says so, once for each new finding, when a shared module changes under services that run from jars. */
    private void watchForStaleJars(List<ServiceDefinition> packaged) {
        var reported = new Object() {
            Map<String, List<String>> stale = StaleJars.find(projectRoot, packaged);
        };
        Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "stale-jar-check");
            thread.setDaemon(true);
            return thread;
        }).scheduleWithFixedDelay(() -> {
            Map<String, List<String>> stale;
            try {
                stale = StaleJars.find(projectRoot, packaged);
            } catch (UncheckedIOException beingRebuilt) {
                return; // a jar's directory is being rewritten by a build; look again next time
            }
            if (!stale.isEmpty() && !stale.equals(reported.stale)) {
                out.println(StaleJars.describe(stale));
            }
            reported.stale = stale;
        }, STALE_CHECK_EVERY.toMillis(), STALE_CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }
}
