package io.shopflow.systemtests;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Outside programs the system tests run (kubectl, node, npm): whether they are installed, and a run to its end. */
final class Commands {

    record Finished(int exitCode, String output) {
    }

    private Commands() {
    }

    static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, command)));
    }

    /**
     * Runs {@code command} in {@code directory} with {@code input} (or nothing) on its standard input, for at most
     * {@code limit}, then kills it and whatever it started. Its output goes to {@code log}, not a pipe, so that a
     * chatty process never blocks on a full one, and the log stays for a look.
     */
    static Finished run(List<String> command, Path directory, String input, Duration limit, Path log) {
        try {
            var process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            try (var stdin = process.getOutputStream()) {
                if (input != null) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            boolean finished = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            return finished ? new Finished(process.exitValue(), output)
                    : new Finished(-1, output + "\n(killed after " + limit.toSeconds() + " s)");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while running " + command, e);
        }
    }
}
