package io.shopflow.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * deploy/docker's Dockerfiles, read without a container engine (none runs here): each starts from an image pinned to
 * a version, runs as a user other than root, and the JVM one copies what every service's build (which ran before
 * these tests in the reactor) actually leaves in target/quarkus-app.
 */
class ContainerImagesTest {

    private static final Path ROOT = Path.of(System.getProperty("shopflow.root", "../..")).toAbsolutePath().normalize();

    private static List<String> instructions(String dockerfile) throws IOException {
        return Files.readAllLines(ROOT.resolve("deploy/docker").resolve(dockerfile)).stream()
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    private static List<String> arguments(List<String> instructions, String keyword) {
        return instructions.stream().filter(line -> line.startsWith(keyword + " "))
                .map(line -> line.substring(keyword.length() + 1).strip()).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Dockerfile.jvm", "Dockerfile.native"})
    void it_starts_from_a_pinned_image_and_runs_as_a_user_other_than_root(String dockerfile) throws IOException {
        var instructions = instructions(dockerfile);
        assertThat(arguments(instructions, "FROM")).singleElement().satisfies(image -> {
            String tag = image.substring(image.lastIndexOf('/') + 1);
            assertThat(tag).as("a version, not whatever is newest").contains(":").doesNotEndWith(":latest");
        });
        var users = arguments(instructions, "USER");
        assertThat(users).as("who the service runs as").isNotEmpty();
        assertThat(users.get(users.size() - 1)).matches("[1-9][0-9]*");
    }

    @ParameterizedTest
    @ValueSource(strings = {"user-service", "inventory-service", "order-service", "payment-service",
            "payment-provider", "shipping-service", "notification-service", "api-gateway"})
    void the_jvm_image_copies_what_the_service_build_leaves(String service) throws IOException {
        var sources = arguments(instructions("Dockerfile.jvm"), "COPY").stream()
                .map(copy -> copy.split("\\s+")[0]).toList();
        assertThat(sources).isNotEmpty();
        Path module = ROOT.resolve("services").resolve(service);
        for (String source : sources) {
            assertThat(matches(module, source)).as("%s in %s", source, module).isPositive();
        }
        assertThat(module.resolve("target/quarkus-app/quarkus-run.jar")).as("what the image runs").exists();
    }

    /** How many files or directories below {@code module} the COPY source {@code pattern} names. */
    private static long matches(Path module, String pattern) throws IOException {
        String glob = pattern.endsWith("/") ? pattern.substring(0, pattern.length() - 1) : pattern;
        var matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        try (Stream<Path> files = Files.walk(module.resolve("target"), 3)) {
            return files.map(module::relativize).filter(matcher::matches).count();
        }
    }
}
