package io.shopflow.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * observability/otel-collector/config.yaml, read without a collector (none can run here): its pipelines use only
 * components it configures, all of them in the collector's core distribution, and it listens where the services
 * send their spans by default.
 */
class OtelCollectorConfigTest {

    /** The components of the core distribution (otel/opentelemetry-collector) that the file may use, by kind. */
    private static final Map<String, Set<String>> CORE = Map.of(
            "receivers", Set.of("otlp", "nop"),
            "processors", Set.of("batch", "memory_limiter"),
            "exporters", Set.of("otlp", "otlphttp", "debug", "nop"));

    private static final Path ROOT = Path.of(System.getProperty("shopflow.root", "../..")).toAbsolutePath().normalize();
    private static JsonNode config;

    @BeforeAll
    static void read() throws Exception {
        config = new ObjectMapper(new YAMLFactory())
                .readTree(ROOT.resolve("observability/otel-collector/config.yaml").toFile());
    }

    @Test
    void every_pipeline_uses_configured_core_components() {
        var pipelines = config.path("service").path("pipelines");
        assertThat(pipelines.has("traces")).isTrue();
        pipelines.properties().forEach(pipeline -> CORE.forEach((kind, core) -> {
            for (String component : names(pipeline.getValue().path(kind))) {
                assertThat(config.path(kind).has(component))
                        .as("%s pipeline: %s %s is configured", pipeline.getKey(), kind, component).isTrue();
                assertThat(core).as("%s %s is in the core distribution", kind, component)
                        .contains(component.split("/")[0]);
            }
        }));
    }

    @Test
    void it_receives_otlp_on_the_port_the_services_export_to_by_default() throws Exception {
        var sharedSettings = Files.readString(ROOT.resolve(
                "shared-events/quarkus-observability/src/main/resources/META-INF/microprofile-config.properties"));
        assertThat(sharedSettings).contains("${shopflow.tracing.endpoint:http://localhost:4317}");
        assertThat(config.path("receivers").path("otlp").path("protocols").path("grpc").path("endpoint").asText())
                .endsWith(":4317");
        assertThat(config.path("receivers").path("otlp").path("protocols").path("http").path("endpoint").asText())
                .endsWith(":4318");
    }

    private static List<String> names(JsonNode list) {
        var names = new ArrayList<String>();
        list.forEach(name -> names.add(name.asText()));
        return names;
    }
}
