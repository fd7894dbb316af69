package io.shopflow.launcher;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** {@code up}: infrastructure, then every built service, in the foreground until Ctrl-C. */
final class UpCommand {

    /** A JVM service on 2 cores, migrating its database first, can take a while; this is not the normal case. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final Path projectRoot;
    private final ServiceCatalogue catalogue;
    private final PrintStream out;

    UpCommand(Path projectRoot, ServiceCatalogue catalogue, PrintStream out) {
        this.projectRoot = projectRoot;
        this.catalogue = catalogue;
        this.out = out;
    }

    int run(boolean freshDatabases) throws InterruptedException {
        List<ServiceDefinition> runnable = builtServices();
        List<String> takenPorts = Ports.taken(runnable);
        if (!takenPorts.isEmpty()) {
            throw new LaunchException("Cannot start, ports are taken (is the platform already running?):\n  "
                    + String.join("\n  ", takenPorts));
        }

        out.println("Starting infrastructure");
        Infrastructure infrastructure = Infrastructure.start(out);
        RunningPlatform platform = new RunningPlatform(infrastructure, STOP_GRACE, out);
        Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "shopflow-platform-stop"));
        out.println("Starting services");
        List<ServiceProcess> running = new ArrayList<>();
        try {
            for (ServiceDefinition service : runnable) {
                running.add(startService(service, infrastructure, platform, freshDatabases));
            }
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }

        out.print(Summary.of(running, infrastructure.kafkaBootstrapServers(), infrastructure.postgres().describe()));
        out.println("Press Ctrl-C to stop everything.");
        // Nothing left to do but wait: Ctrl-C (SIGINT) or SIGTERM runs the shutdown hook, which stops it all.
        new CountDownLatch(1).await();
        return 0;
    }

    /** Services are reported, never silently left out, when their jar has not been built. */
    private List<ServiceDefinition> builtServices() {
        List<ServiceDefinition> built = new ArrayList<>();
        for (ServiceDefinition service : catalogue.services()) {
            if (Files.isRegularFile(service.runnerJar(projectRoot))) {
                built.add(service);
            } else {
                out.printf("Not starting %s: %s does not exist. Build it with ./platform up (without --no-build) "
                        + "or ./mvnw -DskipTests install%n", service.name(), projectRoot.relativize(service.runnerJar(projectRoot)));
            }
        }
        return built;
    }

    private ServiceProcess startService(ServiceDefinition service, Infrastructure infrastructure, RunningPlatform platform,
            boolean freshDatabase) {
        long started = System.nanoTime();
        infrastructure.prepareDatabase(service, freshDatabase);
        Path logFile = projectRoot.resolve(Platform.LOG_DIR).resolve(service.name() + ".log");
        ServiceProcess process = ServiceProcess.start(service, projectRoot, infrastructure.environmentFor(service), logFile);
        platform.add(process);
        out.printf("  %s starting (log: %s)%n", service.name(), projectRoot.relativize(logFile));
        process.awaitReady(READY_TIMEOUT);
        out.printf("  %s ready in %s%n", service.name(), Durations.since(started));
        return process;
    }
}
