package io.shopflow.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The modules' dependencies point down only: the shared libraries ({@code shared-events/}) depend on nothing above
 * them, the services ({@code services/}) on shared libraries only, and what runs or checks the whole platform
 * ({@code deploy/}) on anything. Read from the poms, every scope included, so that a test dependency cannot make a
 * library depend on the deployment folder again (events-testing once did, on the Kafka and PostgreSQL harness).
 */
class ModuleLayersTest {

    /** Bottom first: a module may depend on modules of its own layer or of one listed before it. */
    private static final List<String> LAYERS = List.of("shared-events", "services", "deploy");

    @Test
    void everyModuleDependsOnItsOwnLayerOrOnesBelowIt() {
        var modules = modules();
        var layerOf = modules.stream().collect(Collectors.toMap(Module::artifactId, Module::layer));
        var upward = new ArrayList<String>();
        for (var module : modules) {
            for (var dependency : module.dependencies()) {
                Integer target = layerOf.get(dependency);
                if (target != null && target > module.layer()) {
                    upward.add(module.artifactId() + " (" + LAYERS.get(module.layer()) + ") -> " + dependency
                            + " (" + LAYERS.get(target) + ")");
                }
            }
        }

        assertThat(modules).as("modules found in the poms").hasSizeGreaterThan(10);
        assertThat(upward).as("dependencies on a module of a higher layer").isEmpty();
    }

    private record Module(String artifactId, int layer, List<String> dependencies) {
    }

    private static List<Module> modules() {
        var modules = new ArrayList<Module>();
        for (int layer = 0; layer < LAYERS.size(); layer++) {
            Path top = Manifests.ROOT.resolve(LAYERS.get(layer));
            try (Stream<Path> paths = Files.walk(top)) {
                var poms = paths.filter(path -> path.getFileName().toString().equals("pom.xml"))
                        .filter(path -> !path.toString().contains("/target/") && !path.equals(top.resolve("pom.xml")))
                        .toList();
                for (var pom : poms) {
                    modules.add(read(pom, layer));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return modules;
    }

    /** The module a pom declares, with the io.shopflow modules it depends on. */
    private static Module read(Path pom, int layer) {
        Element project;
        try {
            project = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read " + pom, e);
        }
        var dependencies = new ArrayList<String>();
        var nodes = project.getElementsByTagName("dependency");
        for (int n = 0; n < nodes.getLength(); n++) {
            var dependency = (Element) nodes.item(n);
            if ("io.shopflow".equals(directChild(dependency, "groupId"))) {
                dependencies.add(directChild(dependency, "artifactId"));
            }
        }
        return new Module(directChild(project, "artifactId"), layer, dependencies);
    }

    private static String directChild(Element parent, String name) {
        for (var node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element.getTextContent().trim();
            }
        }
        return "";
    }
}
