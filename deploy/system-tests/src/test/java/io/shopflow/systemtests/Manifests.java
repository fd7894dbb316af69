package io.shopflow.systemtests;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    private static final Map<String, String> RENDERED = new ConcurrentHashMap<>();

    private Manifests() {
    }

    /** A file under target/ for what a command printed. */
    static Path log(String name) {
        try {
            Path directory = ROOT.resolve("deploy/system-tests/target/commands");
            Files.createDirectories(directory);
            return directory.resolve(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /**
     * What {@code kubectl kustomize deploy/k8s/overlays/<overlay>} prints; the test is skipped without kubectl. Each
     * overlay is rendered once per test run (a second or more each; several test methods read every overlay).
     */
    static String render(String overlay) {
        assumeTrue(Commands.onPath("kubectl"), "kubectl is not installed: the Kubernetes overlays cannot be rendered here");
        return RENDERED.computeIfAbsent(overlay, Manifests::kustomize);
    }

    private static String kustomize(String overlay) {
        var rendered = Commands.run(List.of("kubectl", "kustomize", K8S.resolve("overlays").resolve(overlay).toString()),
                K8S, null, Duration.ofMinutes(1), log("kustomize-" + overlay + ".yaml"));
        if (rendered.exitCode() != 0) {
            throw new AssertionError("kubectl kustomize " + overlay + " failed:\n" + rendered.output());
        }
        return rendered.output();
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

}
