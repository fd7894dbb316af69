package io.shopflow.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A packaged service running as a child JVM, its output going to its own log file. */
final class ServiceProcess {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final int LOG_LINES_ON_FAILURE = 20;

    private final ServiceDefinition service;
    private final Process process;
    private final Path logFile;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();

    private ServiceProcess(ServiceDefinition service, Process process, Path logFile) {
        this.service = service;
        this.process = process;
        this.logFile = logFile;
    }

    static ServiceProcess start(ServiceDefinition service, Path projectRoot, Map<String, String> environment, Path logFile) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", service.runnerJar(projectRoot).toString())
                // Quarkus reads config/application.properties relative to the working directory, as in production.
                .directory(projectRoot.resolve(service.modulePath()).toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(logFile.getParent());
            return new ServiceProcess(service, builder.start(), logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + service.name(), e);
        }
    }

    /** Returns once {@code /q/health/ready} answers 200: the service reached its database and Kafka. */
    void awaitReady(Duration timeout) {
        URI readiness = URI.create("http://127.0.0.1:" + service.httpPort() + "/q/health/ready");
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

    void stop(Duration grace) {
        ChildProcesses.stop(process, grace);
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
