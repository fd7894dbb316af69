package io.shopflow.systemtests;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Kubernetes manifests as data: YAML files read into trees, kustomize directories rendered with {@code kubectl
 * kustomize} (the tool users apply them with), and label selectors matched against labels.
 */
final class Manifests {

    static final Path ROOT = Path.of(System.getProperty("shopflow.root", "../..")).toAbsolutePath().normalize();
    static final Path K8S = ROOT.resolve("deploy/k8s");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Manifests() {
    }

    /** Every document of a YAML file, empty ones left out. */
    static List<JsonNode> read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    static List<JsonNode> parse(String yaml) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        Iterator<JsonNode> iterator = YAML.readerFor(JsonNode.class).readValues(yaml);
        while (iterator.hasNext()) {
            JsonNode document = iterator.next();
            if (document != null && !document.isNull() && !document.isEmpty()) {
                documents.add(document);
            }
        }
        return documents;
    }

    /** The overlays users apply, each a directory of deploy/k8s/overlays. */
    static List<String> overlays() {
        try (Stream<Path> directories = Files.list(K8S.resolve("overlays"))) {
            return directories.filter(Files::isDirectory).map(path -> path.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code kubectl kustomize deploy/k8s/overlays/<overlay>} prints; the test is skipped without kubectl. */
    static String render(String overlay) {
        assumeTrue(onPath("kubectl"), "kubectl is not installed: the Kubernetes overlays cannot be rendered here");
        ProcessOutput output = run(List.of("kubectl", "kustomize", K8S.resolve("overlays").resolve(overlay).toString()),
                null, K8S);
        if (output.exitCode() != 0) {
            throw new AssertionError("kubectl kustomize " + overlay + " failed:\n" + output.text());
        }
        return output.text();
    }

    static List<JsonNode> objects(String overlay) {
        try {
            return parse(render(overlay));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Predicate<JsonNode> kind(String kind) {
        return object -> kind.equals(object.path("kind").asText());
    }

    /** The platform's own Deployments: the ones quarkus-kubernetes generated. */
    static boolean isService(JsonNode object) {
        return kind("Deployment").test(object)
                && "quarkus".equals(object.path("metadata").path("labels").path("app.kubernetes.io/managed-by").asText());
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    /** Whether a label selector (matchLabels and matchExpressions) selects an object with these labels. */
    static boolean selects(JsonNode selector, JsonNode labels) {
        for (Iterator<Map.Entry<String, JsonNode>> it = selector.path("matchLabels").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> required = it.next();
            if (!required.getValue().asText().equals(labels.path(required.getKey()).asText(null))) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            JsonNode value = labels.get(expression.path("key").asText());
            List<String> values = new ArrayList<>();
            expression.path("values").forEach(v -> values.add(v.asText()));
            boolean matches = switch (expression.path("operator").asText()) {
                case "In" -> value != null && values.contains(value.asText());
                case "NotIn" -> value == null || !values.contains(value.asText());
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new IllegalArgumentException("Unknown selector operator in " + expression);
            };
            if (!matches) {
                return false;
            }
        }
        return true;
    }

    static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, command)));
    }

    record ProcessOutput(int exitCode, String text) {
    }

    /** Runs a command to its end (two minutes at most), with {@code input} on its standard input when not null. */
    static ProcessOutput run(List<String> command, String input, Path directory) {
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
            try (var stdin = process.getOutputStream()) {
                if (input != null) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in 2 minutes");
            }
            return new ProcessOutput(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while running " + command, e);
        }
    }
}
