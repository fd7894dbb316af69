package io.shopflow.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Which packaged services run older code than the sources of the shared modules packaged into them. Under
 * {@code dev} a change to a shared module is live in the dev-mode services (their Maven build compiles it), while the
 * services running from jars go on with what they were packaged with: the old event and gRPC contracts, say.
 */
final class StaleJars {

    /** Where the shared modules live, each a directory named as its artifact. */
    private static final String SHARED_MODULES = "shared-events";
    /** How Quarkus names a project dependency in quarkus-app/lib/main: groupId.artifactId-version.jar. */
    private static final String PACKAGED_PREFIX = "io.shopflow.";

    private StaleJars() {
    }

    /** Each stale service with the shared modules changed since its jar was built; empty when all are current. */
    static Map<String, List<String>> find(Path projectRoot, List<ServiceDefinition> packaged) {
        Map<String, List<String>> stale = new LinkedHashMap<>();
        for (ServiceDefinition service : packaged) {
            Path runner = service.runnerJar(projectRoot);
            if (!Files.isRegularFile(runner)) {
                continue;
            }
            FileTime built = modified(runner);
            List<String> changed = sharedModulesIn(runner.resolveSibling("lib").resolve("main"), projectRoot).stream()
                    .filter(module -> newestSource(projectRoot.resolve(SHARED_MODULES).resolve(module)).compareTo(built) > 0)
                    .toList();
            if (!changed.isEmpty()) {
                stale.put(service.name(), changed);
            }
        }
        return stale;
    }

    /** What to tell someone about {@link #find}'s answer, and how to bring the jars up to date. */
    static String describe(Map<String, List<String>> stale) {
        StringBuilder text = new StringBuilder("!! Shared modules changed since these services' jars were built; "
                + "they still run the old code:\n");
        stale.forEach((service, modules) -> text.append("     ").append(service).append(" (")
                .append(String.join(", ", modules)).append(")\n"));
        text.append("   Rebuild them with ./mvnw -q -DskipTests install -pl ")
                .append(String.join(",", stale.keySet().stream().map(name -> "services/" + name).toList()))
                .append(" -am, then start ./platform again.");
        return text.toString();
    }

    private static List<String> sharedModulesIn(Path libraries, Path projectRoot) {
        List<String> modules = new ArrayList<>();
        try (Stream<Path> jars = Files.list(libraries)) {
            for (Path jar : jars.toList()) {
                String name = jar.getFileName().toString();
                if (!name.startsWith(PACKAGED_PREFIX)) {
                    continue;
                }
                try (Stream<Path> shared = Files.list(projectRoot.resolve(SHARED_MODULES))) {
                    shared.map(module -> module.getFileName().toString())
                            .filter(module -> name.startsWith(PACKAGED_PREFIX + module + "-"))
                            .forEach(modules::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + libraries, e);
        }
        return modules;
    }

    private static FileTime newestSource(Path module) {
        try (Stream<Path> files = Stream.concat(Stream.of(module.resolve("pom.xml")),
                Files.exists(module.resolve("src")) ? Files.walk(module.resolve("src")) : Stream.empty())) {
            return files.filter(Files::isRegularFile).map(StaleJars::modified)
                    .max(FileTime::compareTo).orElse(FileTime.fromMillis(0));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + module, e);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
