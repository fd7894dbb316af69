package io.shopflow.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the infrastructure, then every given service at once, and waits until each is ready: the part of
 * {@code up} that system tests share. Starting the JVMs together rather than one after another roughly halves
 * the wait on two cores, because much of a start is spent waiting on the database and Kafka.
 */
final class PlatformStarter {

    /** A JVM service on 2 cores, migrating its database first, can take a while; this is not the normal case. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private PlatformStarter() {
    }

    /**
     * @param fresh      drop and recreate the services' databases first
     * @param dropOnStop drop the services' databases when the platform stops (throwaway databases of a test)
     * @param settings   configuration keys and values by service name ({@link LocalPlatform#EVERY_SERVICE} for all),
     *                   over the services' own (usually none)
     */
    static RunningPlatform start(Path projectRoot, List<ServiceDefinition> services, boolean fresh, boolean dropOnStop,
                                 Path logDir, PrintStream out, Map<String, Map<String, String>> settings) {
        List<String> takenPorts = Ports.taken(services);
        if (!takenPorts.isEmpty()) {
            throw new LaunchException("Cannot start, ports are taken (is the platform already running?):\n  "
                    + String.join("\n  ", takenPorts));
        }
        out.println("Starting infrastructure");
        Infrastructure infrastructure = Infrastructure.start(out);
        RunningPlatform platform = new RunningPlatform(infrastructure, STOP_GRACE, dropOnStop, out);
        try {
            out.println("Starting services");
            long started = System.nanoTime();
            List<ServiceProcess> processes = new ArrayList<>();
            for (ServiceDefinition service : services) {
                infrastructure.prepareDatabase(service, fresh);
                Path logFile = logDir.resolve(service.name() + ".log");
                var environment = new HashMap<>(infrastructure.environmentFor(service));
                for (String whose : List.of(LocalPlatform.EVERY_SERVICE, service.name())) {
                    settings.getOrDefault(whose, Map.of()).forEach((key, value) ->
                            environment.put(ServiceEnvironment.environmentName(key), value));
                }
                ServiceProcess process = ServiceProcess.start(service, projectRoot, environment, logFile);
                platform.add(process);
                processes.add(process);
                out.printf("  %s starting (log: %s)%n", service.name(), logFile);
            }
            for (ServiceProcess process : processes) {
                process.awaitReady(READY_TIMEOUT);
                out.printf("  %s ready after %s%n", process.service().name(), Durations.since(started));
            }
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }
}
