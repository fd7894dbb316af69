package io.shopflow.systemtests;

import static io.shopflow.systemtests.Manifests.kind;
import static io.shopflow.systemtests.Manifests.name;
import static io.shopflow.systemtests.ServiceConfiguration.CATALOGUE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * deploy/compose/compose.yaml, read without a container engine (none runs here). Held to the topology catalogue
 * (shared-events/topology), which compose cannot read: the same eight services, each exposing its ports, called on
 * them, on its own database, and every setting of the services' {@code kubernetes} profile made again with compose
 * host names. Held to what users run in a cluster, the rendered development overlay (deploy/k8s/overlays/dev; those
 * checks are skipped without kubectl): the same images, every environment variable and mount the cluster gives a
 * service, and the cluster's container hardening. Compose alone: infrastructure images pinned, only the gateway and the observability
 * UIs published, Prometheus scraping every service, every mounted file present.
 */
class ComposeConsistencyTest {

    private static final Path COMPOSE = Manifests.ROOT.resolve("deploy/compose");
    /** Where the platform's images live: a compose service running one of them is a platform service. */
    private static final String PLATFORM_IMAGES = "ghcr.io/shopflow/";
    /** Variables that only make sense in a cluster: the profile that reads them and the pod's namespace. */
    private static final Set<String> KUBERNETES_ONLY = Set.of("QUARKUS_PROFILE", "KUBERNETES_NAMESPACE");
    private static final Pattern HOST = Pattern.compile("//([^:/]+)");
    private static final Pattern STORK_DISCOVERY = Pattern.compile("quarkus\\.stork\\.([^.]+)\\.service-discovery\\..+");
    /** {@code host:port}, in an address list or a URL. */
    private static final Pattern ADDRESS = Pattern.compile("([a-z][a-z-]*):(\\d+)");
    private static final String TOPOLOGY = "shared-events/topology";

    private static JsonNode compose;
    private static List<JsonNode> overlay;

    /** compose.yaml as compose reads it: SnakeYAML resolves the anchors and merge keys Jackson's parser leaves alone. */
    private static synchronized JsonNode compose() {
        if (compose == null) {
            compose = yaml(COMPOSE.resolve("compose.yaml"));
        }
        return compose;
    }

    private static JsonNode yaml(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            return new ObjectMapper().valueToTree(document);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** The rendered development overlay; rendered once, and the test is skipped without kubectl. */
    private static synchronized List<JsonNode> overlay() {
        if (overlay == null) {
            overlay = Manifests.objects("dev");
        }
        return overlay;
    }

    /** The platform's Deployments in the development overlay, by name. */
    private static Map<String, JsonNode> deployments() {
        Map<String, JsonNode> deployments = new TreeMap<>();
        overlay().stream().filter(Manifests::isService).forEach(d -> deployments.put(name(d), d));
        return deployments;
    }

    private static JsonNode container(JsonNode deployment) {
        return deployment.path("spec").path("template").path("spec").path("containers").path(0);
    }

    private static Map<String, JsonNode> services() {
        Map<String, JsonNode> services = new TreeMap<>();
        compose().path("services").properties().forEach(entry -> services.put(entry.getKey(), entry.getValue()));
        return services;
    }

    private static Map<String, JsonNode> platformServices() {
        Map<String, JsonNode> platform = new TreeMap<>();
        services().forEach((name, service) -> {
            if (service.path("image").asText().startsWith(PLATFORM_IMAGES)) {
                platform.put(name, service);
            }
        });
        return platform;
    }

    private static JsonNode service(String name) {
        JsonNode service = compose().path("services").path(name);
        assertThat(service.isMissingNode()).as("compose service %s", name).isFalse();
        return service;
    }

    /** A service's environment, from either of compose's forms (a map, or a list of NAME=value). */
    private static Map<String, String> environment(JsonNode service) {
        Map<String, String> environment = new TreeMap<>();
        JsonNode node = service.path("environment");
        if (node.isArray()) {
            node.forEach(item -> {
                String[] pair = item.asText().split("=", 2);
                environment.put(pair[0], pair.length > 1 ? pair[1] : "");
            });
        } else {
            node.properties().forEach(entry -> environment.put(entry.getKey(), entry.getValue().asText()));
        }
        return environment;
    }

    private static List<String> texts(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            return List.of(node.asText());
        }
        return StreamSupport.stream(node.spliterator(), false).map(JsonNode::asText).toList();
    }

    record Mount(String source, String target, boolean readOnly, boolean bind) {
    }

    /** A service's volumes, short ({@code source:target:ro}) or long syntax. */
    private static List<Mount> mounts(JsonNode service) {
        List<Mount> mounts = new ArrayList<>();
        for (JsonNode volume : service.path("volumes")) {
            if (volume.isTextual()) {
                String[] parts = volume.asText().split(":");
                if (parts.length == 1) {
                    mounts.add(new Mount(null, parts[0], false, false));
                } else {
                    boolean readOnly = parts.length > 2 && List.of(parts[2].split(",")).contains("ro");
                    boolean bind = parts[0].startsWith(".") || parts[0].startsWith("/") || parts[0].startsWith("~");
                    mounts.add(new Mount(parts[0], parts[1], readOnly, bind));
                }
            } else {
                mounts.add(new Mount(volume.path("source").asText(null), volume.path("target").asText(),
                        volume.path("read_only").asBoolean(false), "bind".equals(volume.path("type").asText())));
            }
        }
        return mounts;
    }

    /** The environment variable that sets a configuration key (MicroProfile Config's rule, as the launcher uses it). */
    private static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** The keys a service's {@code kubernetes} profile sets, without the profile prefix, the catalogue's ports resolved. */
    private static Map<String, String> kubernetesProfile(String service) {
        Properties properties = ServiceConfiguration.read(service);
        Map<String, String> profile = new TreeMap<>();
        properties.stringPropertyNames().stream().filter(key -> key.startsWith("%kubernetes.")).forEach(key ->
                profile.put(key.substring("%kubernetes.".length()), ServiceConfiguration.resolved(properties.getProperty(key))));
        return profile;
    }

    private static String withoutHost(String address) {
        return HOST.matcher(address).replaceFirst("//<host>");
    }

    @Test
    void compose_runs_the_same_services_as_the_development_overlay() {
        assertThat(platformServices().keySet()).as("compose services running %s images", PLATFORM_IMAGES)
                .isEqualTo(deployments().keySet());
    }

    @Test
    void each_service_runs_the_image_and_tag_of_its_deployment() {
        deployments().forEach((name, deployment) -> {
            String image = container(deployment).path("image").asText();
            assertThat(service(name).path("image").asText()).as("%s's image (repository:tag)", name).isEqualTo(image);
        });
    }

    @Test
    void each_service_exposes_its_catalogue_ports_and_checks_readiness_on_the_management_one() {
        assertThat(platformServices().keySet()).as("compose services running %s images", PLATFORM_IMAGES)
                .containsExactlyInAnyOrderElementsOf(TopologyConsistencyTest.services());
        platformServices().forEach((name, service) -> {
            List<String> ports = new ArrayList<>();
            for (String port : List.of("http", "grpc", "management")) {
                Optional.ofNullable(CATALOGUE.getProperty(name + "." + port + "-port")).ifPresent(ports::add);
            }
            assertThat(texts(service.path("expose"))).as("%s: compose's expose is the catalogue's ports (%s)", name, TOPOLOGY)
                    .containsExactlyElementsOf(ports);
            assertThat(String.join(" ", texts(service.path("healthcheck").path("test"))))
                    .as("%s: its healthcheck asks readiness on the management port (%s)", name, TOPOLOGY)
                    .contains("/" + CATALOGUE.getProperty(name + ".management-port") + " ").contains("/q/health/ready");
        });
    }

    @Test
    void every_address_of_a_service_is_on_its_catalogue_port_and_every_database_its_own() {
        platformServices().forEach((name, service) -> environment(service).forEach((variable, value) -> {
            Matcher address = ADDRESS.matcher(value);
            while (address.find()) {
                String callee = address.group(1);
                if (platformServices().containsKey(callee)) {
                    assertThat(address.group(2)).as("%s: %s=%s, a port %s serves (%s)", name, variable, value, callee, TOPOLOGY)
                            .isIn(CATALOGUE.getProperty(callee + ".http-port"), CATALOGUE.getProperty(callee + ".grpc-port"));
                }
            }
            if (variable.startsWith("QUARKUS_DATASOURCE_") && variable.endsWith("_URL")) {
                assertThat(value).as("%s: %s, its own database (%s)", name, variable, TOPOLOGY)
                        .endsWith("/" + CATALOGUE.getProperty(name + ".database"));
            }
        }));
    }

    @Test
    void each_service_gets_every_variable_its_deployment_gets_but_the_kubernetes_ones() {
        Map<String, JsonNode> configMaps = overlay().stream().filter(kind("ConfigMap"))
                .collect(Collectors.toMap(Manifests::name, object -> object, (a, b) -> a));
        deployments().forEach((name, deployment) -> {
            JsonNode container = container(deployment);
            Set<String> expected = new TreeSet<>();
            for (JsonNode source : container.path("envFrom")) {
                assertThat(source.has("secretRef")).as("%s: a Secret's keys cannot be known without the cluster", name)
                        .isFalse();
                String configMap = source.path("configMapRef").path("name").asText();
                assertThat(configMaps).as("%s: ConfigMap %s in the overlay", name, configMap).containsKey(configMap);
                configMaps.get(configMap).path("data").fieldNames().forEachRemaining(expected::add);
            }
            for (JsonNode variable : container.path("env")) {
                JsonNode from = variable.path("valueFrom");
                boolean fromCluster = from.has("fieldRef") || from.has("resourceFieldRef");
                if (!fromCluster && !KUBERNETES_ONLY.contains(variable.path("name").asText())) {
                    expected.add(variable.path("name").asText());
                }
            }
            assertThat(expected).as("%s: the ConfigMap's variables at least", name)
                    .contains("KAFKA_BOOTSTRAP_SERVERS", "SHOPFLOW_TRACING_ENDPOINT");
            assertThat(environment(service(name)).keySet()).as("%s's compose environment", name).containsAll(expected);
        });
    }

    @Test
    void each_setting_of_the_kubernetes_profile_is_made_with_a_compose_address() {
        Set<String> names = services().keySet();
        TopologyConsistencyTest.services().forEach(name -> {
            Map<String, String> environment = environment(service(name));
            Map<String, String> discovery = new LinkedHashMap<>();
            // A Stork service's callee is the Service its DNS name names (user-service-grpc finds user-service's pods).
            Map<String, String> callees = new LinkedHashMap<>();
            kubernetesProfile(name).forEach((key, value) -> {
                Matcher stork = STORK_DISCOVERY.matcher(key);
                if (stork.matches()) {
                    discovery.putIfAbsent(stork.group(1), null);
                    if (key.endsWith(".service-discovery.port")) {
                        discovery.put(stork.group(1), value);
                    }
                    if (key.endsWith(".service-discovery.hostname")) {
                        callees.put(stork.group(1), value.substring(0, value.indexOf('.')));
                    }
                    return;
                }
                String variable = environmentName(key);
                assertThat(environment).as("%s: %s (the kubernetes profile's %s)", name, variable, key)
                        .containsKey(variable);
                String composed = environment.get(variable);
                assertThat(withoutHost(composed)).as("%s: %s apart from its host", name, variable)
                        .isEqualTo(withoutHost(value));
                Matcher host = HOST.matcher(composed);
                if (host.find()) {
                    assertThat(names).as("%s: %s's host %s is a compose service", name, variable, host.group(1))
                            .contains(host.group(1));
                }
            });
            // DNS discovery in the cluster, one static instance here: the callee's compose name and its port.
            discovery.forEach((storkService, port) -> {
                String callee = callees.getOrDefault(storkService, storkService);
                String variable = environmentName("quarkus.stork." + storkService + ".service-discovery.address-list");
                assertThat(port).as("%s: the kubernetes profile's port of %s", name, storkService).isNotNull();
                assertThat(environment.get(variable)).as("%s: %s", name, variable).isEqualTo(callee + ":" + port);
                assertThat(texts(service(callee).path("expose"))).as("%s: %s listens on %s", name, callee, port)
                        .contains(port);
            });
        });
    }

    @Test
    void each_volume_its_deployment_mounts_is_mounted_in_compose_as_read_only_as_there() {
        deployments().forEach((name, deployment) -> {
            List<Mount> mounts = mounts(service(name));
            for (JsonNode mount : container(deployment).path("volumeMounts")) {
                String path = mount.path("mountPath").asText();
                if ("/tmp".equals(path)) {
                    continue;
                }
                assertThat(mounts).as("%s: a compose volume at %s", name, path)
                        .filteredOn(composed -> path.equals(composed.target())).singleElement()
                        .satisfies(composed -> assertThat(composed.readOnly()).as("%s: %s read-only", name, path)
                                .isEqualTo(mount.path("readOnly").asBoolean(false)));
            }
        });
    }

    @Test
    void each_service_container_is_locked_down_as_in_the_cluster() {
        assertThat(platformServices()).hasSizeGreaterThanOrEqualTo(8);
        platformServices().forEach((name, service) -> {
            assertThat(service.path("read_only").asBoolean()).as("%s read-only root", name).isTrue();
            assertThat(texts(service.path("tmpfs"))).as("%s: /tmp a tmpfs", name)
                    .anyMatch(tmpfs -> tmpfs.equals("/tmp") || tmpfs.startsWith("/tmp:"));
            assertThat(texts(service.path("cap_drop"))).as("%s drops capabilities", name).contains("ALL");
            assertThat(texts(service.path("cap_add"))).as("%s adds none back", name).isEmpty();
            assertThat(texts(service.path("security_opt"))).as("%s without privilege escalation", name)
                    .containsAnyOf("no-new-privileges:true", "no-new-privileges");
            assertThat(service.path("privileged").asBoolean(false)).as("%s privileged", name).isFalse();
        });
    }

    @Test
    void services_with_a_database_wait_for_healthy_kafka_and_postgres_which_create_it() throws IOException {
        Set<String> created = new TreeSet<>();
        Matcher create = Pattern.compile("(?i)CREATE DATABASE\\s+(\\w+)")
                .matcher(Files.readString(COMPOSE.resolve("postgres/create-databases.sql")));
        while (create.find()) {
            created.add(create.group(1));
        }
        var withDatabase = platformServices().entrySet().stream()
                .filter(entry -> environment(entry.getValue()).containsKey("QUARKUS_DATASOURCE_JDBC_URL")).toList();
        assertThat(withDatabase).hasSize(6);
        withDatabase.forEach(entry -> {
            String name = entry.getKey();
            Map<String, String> environment = environment(entry.getValue());
            for (String url : List.of("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_REACTIVE_URL")) {
                String database = environment.getOrDefault(url, "").replaceAll(".*/", "");
                assertThat(created).as("%s: %s's database made by the init script", name, url).contains(database);
            }
            for (String infrastructure : List.of("kafka", "postgres")) {
                assertThat(entry.getValue().path("depends_on").path(infrastructure).path("condition").asText())
                        .as("%s waits for %s", name, infrastructure).isEqualTo("service_healthy");
                assertThat(service(infrastructure).path("healthcheck").path("test").isEmpty())
                        .as("%s has a healthcheck", infrastructure).isFalse();
            }
        });
    }

    @Test
    void every_infrastructure_image_is_pinned_to_a_version() {
        services().forEach((name, service) -> {
            String image = service.path("image").asText();
            if (image.startsWith(PLATFORM_IMAGES)) {
                return;
            }
            String lastPart = image.substring(image.lastIndexOf('/') + 1);
            assertThat(lastPart).as("%s: %s names a version, not whatever is newest", name, image)
                    .matches("[^:@]+(:[\\w][\\w.-]*)?(@sha256:[0-9a-f]{64})?").contains(":").doesNotContain(":latest")
                    .doesNotContain("${");
        });
    }

    @Test
    void only_the_gateway_and_the_observability_uis_are_published_and_on_loopback_only() {
        Map<String, List<String>> published = new TreeMap<>();
        services().forEach((name, service) -> {
            if (!texts(service.path("ports")).isEmpty()) {
                published.put(name, texts(service.path("ports")));
            }
        });
        assertThat(published.keySet()).isEqualTo(Set.of("api-gateway", "jaeger", "prometheus", "grafana"));
        String gateway = CATALOGUE.getProperty("api-gateway.http-port");
        assertThat(published.get("api-gateway")).as("the gateway's port (%s)", TOPOLOGY)
                .containsExactly("127.0.0.1:" + gateway + ":" + gateway);
        published.forEach((name, ports) -> assertThat(ports).as("%s's published ports", name)
                .allMatch(port -> port.startsWith("127.0.0.1:")));
    }

    @Test
    void prometheus_scrapes_every_service_by_compose_name_with_the_labels_the_dashboards_read() {
        JsonNode shared = yaml(Manifests.ROOT.resolve("observability/prometheus/prometheus.yml"));
        JsonNode config = yaml(COMPOSE.resolve("prometheus.yml"));
        JsonNode sharedJob = shared.path("scrape_configs").path(0);
        assertThat(texts(config.path("rule_files"))).isEqualTo(texts(shared.path("rule_files")));
        assertThat(config.path("scrape_configs")).singleElement().satisfies(job -> {
            assertThat(job.path("job_name").asText()).isEqualTo(sharedJob.path("job_name").asText());
            assertThat(job.path("metrics_path").asText()).isEqualTo(sharedJob.path("metrics_path").asText());
            Map<String, String> targets = new TreeMap<>();
            for (JsonNode group : job.path("static_configs")) {
                texts(group.path("targets")).forEach(target -> targets.put(group.path("labels").path("service").asText(), target));
            }
            Map<String, String> expected = new TreeMap<>();
            TopologyConsistencyTest.services().forEach(name ->
                    expected.put(name, name + ":" + CATALOGUE.getProperty(name + ".management-port")));
            assertThat(targets).as("service label -> target: the management port").isEqualTo(expected);
        });
        assertThat(mounts(service("prometheus"))).as("the shared alert rules, not a copy")
                .anyMatch(mount -> mount.source() != null
                        && COMPOSE.resolve(mount.source()).normalize()
                                .equals(Manifests.ROOT.resolve("observability/prometheus/alerts.yml"))
                        && mount.target().equals("/etc/prometheus/alerts.yml"));
    }

    @Test
    void every_file_compose_mounts_from_the_repository_exists() throws IOException {
        Set<String> usersOwn = Files.readAllLines(COMPOSE.resolve(".gitignore")).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.replaceAll("/+$", "")).collect(Collectors.toSet());
        Set<String> namedVolumes = new TreeSet<>();
        compose().path("volumes").fieldNames().forEachRemaining(namedVolumes::add);
        services().forEach((name, service) -> {
            for (Mount mount : mounts(service)) {
                if (mount.source() == null) {
                    continue;
                }
                if (!mount.bind()) {
                    assertThat(namedVolumes).as("%s: volume %s declared", name, mount.source()).contains(mount.source());
                    continue;
                }
                Path source = COMPOSE.resolve(mount.source()).normalize();
                if (usersOwn.contains(COMPOSE.relativize(source).toString())) {
                    continue;
                }
                assertThat(source).as("%s: %s, mounted at %s", name, mount.source(), mount.target()).exists();
            }
        });
    }
}
