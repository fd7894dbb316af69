package io.shopflow.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Starts the infrastructure, then every given service, and waits until each is ready: the part of {@code up} and
 * {@code dev} that system tests share. The packaged services start all at once rather than one after another, which
 * roughly halves the wait on two cores, because much of a start is spent waiting on the database and Kafka. Before
 * them, {@code up} and {@code dev} record the start-up archives that are missing or stale ({@link StartArchives}).
 */
final class PlatformStarter {

    /** A JVM service on 2 cores, migrating its database first, can take a while; this is not the normal case. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    /** Dev mode compiles the service and the modules it uses (their tests included) before it starts. */
    static final Duration DEV_MODE_READY_TIMEOUT = Duration.ofMinutes(10);
    /**
     * How long a service may take to stop after SIGTERM before it is killed, so that the whole platform stops within
     * 10 s: Kafka stops after the services. Order-service takes longest, its seven consumers leaving their groups one
     * after another (deploy/launcher/START-STOP.md). Killing one loses nothing a crash would not: a batch's
     * transaction commits or rolls back, and the inbox turns its redelivery into duplicates.
     */
    static final Duration STOP_GRACE = Duration.ofSeconds(8);
    /**
     * How long a service stopped after recording its start-up archive may take to write it: seconds each, longer when
     * all write at once on two cores (deploy/launcher/START-STOP.md).
     */
    static final Duration RECORDING_GRACE = Duration.ofSeconds(120);

    private PlatformStarter() {
    }

    /**
     * @param inDevMode  the services to run in Quarkus dev mode instead of from their packaged jars
     * @param fresh      drop and recreate the services' databases, and clear Kafka's kept data, first
     * @param dropOnStop drop the services' databases when the platform stops (throwaway databases of a test); such a
     *                   platform keeps neither Kafka's data nor start-up archives
     * @param settings   configuration keys and values by service name ({@link LocalPlatform#EVERY_SERVICE} for all),
     *                   over the services' own (usually none)
     */
    static RunningPlatform start(Path projectRoot, List<ServiceDefinition> services, Set<String> inDevMode,
                                 boolean fresh, boolean dropOnStop, Path logDir, PrintStream out,
                                 Map<String, Map<String, String>> settings) {
        List<String> takenPorts = Ports.taken(services);
        if (!takenPorts.isEmpty()) {
            throw new LaunchException("Cannot start, ports are taken (is the platform already running?):\n  "
                    + String.join("\n  ", takenPorts));
        }
        out.println("Starting infrastructure");
        // Kafka's data is kept where the databases are: not for a test's throwaway databases.
        Infrastructure infrastructure = Infrastructure.start(dropOnStop ? Optional.empty()
                : Optional.of(projectRoot.resolve(Platform.KAFKA_DATA_DIR)), fresh, out);
        RunningPlatform platform = new RunningPlatform(infrastructure, STOP_GRACE, dropOnStop, out);
        try {
            ServiceJvm jvm = ServiceJvm.configured(System.getenv());
            StartArchives archives = dropOnStop ? StartArchives.none() : StartArchives.kept(projectRoot, jvm, System.getenv());
            List<ServiceDefinition> unrecorded = services.stream()
                    .filter(service -> !inDevMode.contains(service.name()))
                    .filter(service -> archives.needsRecording(service, projectRoot))
                    .toList();
            if (!unrecorded.isEmpty()) {
                recordStartArchives(platform, unrecorded, archives, projectRoot, jvm, fresh, logDir, out, settings);
            }
            out.println("Starting services");
            long started = System.nanoTime();
            List<ServiceProcess> packaged = new ArrayList<>();
            for (ServiceDefinition service : services) {
                if (!inDevMode.contains(service.name())) {
                    // A database made fresh for the recording start is fresh still, and has seen its first events.
                    packaged.add(announced(start(platform, service, ServiceCommand.packagedJar(service, projectRoot,
                            jvm.with(archives.options(service))), fresh && !unrecorded.contains(service), logDir,
                            settings), out));
                }
            }
            // One after another, while the packaged ones start: each dev mode compiles the shared modules it uses, in
            // the same target directories as any other dev mode would.
            for (ServiceDefinition service : services) {
                if (inDevMode.contains(service.name())) {
                    awaitReady(announced(start(platform, service, ServiceCommand.devMode(service, projectRoot), fresh,
                            logDir, settings), out), started, out);
                }
            }
            for (ServiceProcess process : packaged) {
                awaitReady(process, started, out);
            }
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    /**
     * Starts the services once with their archives recording, and stops them once every one is ready, so that the
     * archives hold the classes of a whole start; they are written as the JVMs exit. Once after each build: the price
     * of a start more, for every later start's CPU (decision 0013).
     */
    private static void recordStartArchives(RunningPlatform platform, List<ServiceDefinition> services,
                                            StartArchives archives, Path projectRoot, ServiceJvm jvm, boolean fresh,
                                            Path logDir, PrintStream out, Map<String, Map<String, String>> settings) {
        out.println("Recording start-up archives (after a build, once; later starts load their classes from them): "
                + String.join(", ", services.stream().map(ServiceDefinition::name).toList()));
        long started = System.nanoTime();
        List<ServiceProcess> recording = new ArrayList<>();
        for (ServiceDefinition service : services) {
            recording.add(start(platform, service, ServiceCommand.packagedJar(service, projectRoot,
                    jvm.with(archives.recordingOptions(service))), fresh, logDir, settings));
        }
        recording.forEach(process -> process.awaitReady(READY_TIMEOUT));
        // All at once, as the platform stops: each JVM writes its archive as it exits.
        platform.retire(recording, RECORDING_GRACE,
                (process, endedByItself) -> archives.keep(process.service(), endedByItself));
        out.printf("  recorded in %s%n", Durations.since(started));
    }

    private static ServiceProcess start(RunningPlatform platform, ServiceDefinition service, ServiceCommand command,
                                        boolean fresh, Path logDir, Map<String, Map<String, String>> settings) {
        Infrastructure infrastructure = platform.infrastructure();
        infrastructure.prepareDatabase(service, fresh);
        Path logFile = logDir.resolve(service.name() + ".log");
        var environment = new HashMap<>(infrastructure.environmentFor(service));
        for (String whose : List.of(LocalPlatform.EVERY_SERVICE, service.name())) {
            settings.getOrDefault(whose, Map.of()).forEach((key, value) ->
                    environment.put(ServiceEnvironment.environmentName(key), value));
        }
        ServiceProcess process = ServiceProcess.start(service, command, environment, logFile);
        platform.add(process);
        return process;
    }

    private static ServiceProcess announced(ServiceProcess process, PrintStream out) {
        out.printf("  %s starting%s (log: %s)%n", process.service().name(), process.inDevMode() ? " in dev mode" : "",
                process.logFile());
        return process;
    }

    private static void awaitReady(ServiceProcess process, long started, PrintStream out) {
        process.awaitReady(process.inDevMode() ? DEV_MODE_READY_TIMEOUT : READY_TIMEOUT);
        out.printf("  %s ready after %s%n", process.service().name(), Durations.since(started));
    }
}
