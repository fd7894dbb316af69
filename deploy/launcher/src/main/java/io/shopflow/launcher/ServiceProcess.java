package io.shopflow.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A service running as a child process (its packaged jar, or Quarkus dev mode through Maven), its output going to its
 * own log file.
 */
final class ServiceProcess {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final int LOG_LINES_ON_FAILURE = 20;

    private final ServiceDefinition service;
    private final ServiceCommand command;
    private final Map<String, String> environment;
    private final Process process;
    private final Path logFile;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();
    private volatile boolean killed;

    private ServiceProcess(ServiceDefinition service, ServiceCommand command, Map<String, String> environment,
                           Process process, Path logFile) {
        this.service = service;
        this.command = command;
        this.environment = Map.copyOf(environment);
        this.process = process;
        this.logFile = logFile;
    }

    static ServiceProcess start(ServiceDefinition service, ServiceCommand command, Map<String, String> environment,
                                Path logFile) {
        return start(service, command, environment, logFile, ProcessBuilder.Redirect.to(logFile.toFile()));
    }

    private static ServiceProcess start(ServiceDefinition service, ServiceCommand command,
                                        Map<String, String> environment, Path logFile, ProcessBuilder.Redirect log) {
        ProcessBuilder builder = new ProcessBuilder(command.arguments())
                .directory(command.directory().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log);
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(logFile.getParent());
            return new ServiceProcess(service, command, environment, builder.start(), logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + service.name() + ": " + command.arguments().get(0), e);
        }
    }

    /**
     * The same service started again, as it was, its output going on in the same log. A process killed while writing
     * leaves half a line at the end: it is cut off, so the new process's lines start on a line of their own and the
     * log reads as whole lines (JSON ones, in a container's format).
     */
    ServiceProcess startAgain() {
        dropUnfinishedLastLine(logFile);
        return start(service, command, environment, logFile, ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    }

    static void dropUnfinishedLastLine(Path log) {
        try (FileChannel file = FileChannel.open(log, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long end = file.size();
            var oneByte = ByteBuffer.allocate(1);
            while (end > 0 && file.read(oneByte.clear(), end - 1) == 1 && oneByte.get(0) != '\n') {
                end--;
            }
            file.truncate(end);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot tidy " + log, e);
        }
    }

    /**
     * Returns once {@code /q/health/ready} on the management interface answers 200: the service reached its
     * database and Kafka.
     */
    void awaitReady(Duration timeout) {
        URI readiness = URI.create("http://" + ServiceEnvironment.LOOPBACK + ":" + service.managementPort()
                + "/q/health/ready");
        Instant deadline = Instant.now().plus(timeout);
        while (!answersOk(readiness)) {
            if (!process.isAlive()) {
                throw new LaunchException(service.name() + " exited with code " + process.exitValue()
                        + " before it was ready. Its log, " + logFile + ", ends with:\n" + lastLogLines());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new LaunchException(service.name() + " was not ready within " + timeout.toSeconds() + "s ("
                        + readiness + " did not answer 200). Its log, " + logFile + ", ends with:\n" + lastLogLines());
            }
            sleep(POLL_INTERVAL);
        }
    }

    /** @return whether it ended by itself within the grace period, rather than killed */
    boolean stop(Duration grace) {
        return ChildProcesses.stop(process, grace);
    }

    /** SIGKILL: no shutdown, no goodbye, as a crash or the kernel's OOM killer ends a process. */
    void kill() throws InterruptedException {
        killed = true;
        process.destroyForcibly().waitFor();
    }

    /** Whether it ended because {@link #kill} was asked for. */
    boolean killed() {
        return killed;
    }

    /** Runs the action if the service ends by itself; stopping it through {@link #stop} ends it too. */
    void onExit(Runnable action) {
        process.onExit().thenRun(action);
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    int exitCode() {
        return process.exitValue();
    }

    ServiceDefinition service() {
        return service;
    }

    /** Whether it runs in Quarkus dev mode (live reload) rather than from its packaged jar. */
    boolean inDevMode() {
        return command.devMode();
    }

    Path logFile() {
        return logFile;
    }

    private boolean answersOk(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(PROBE_TIMEOUT).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notListeningYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("Interrupted while waiting for " + service.name());
        }
    }

    private String lastLogLines() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_LINES_ON_FAILURE), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("Interrupted while waiting for services");
        }
    }
}
