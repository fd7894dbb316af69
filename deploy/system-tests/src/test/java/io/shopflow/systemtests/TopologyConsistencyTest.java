package io.shopflow.systemtests;

import static io.shopflow.systemtests.Manifests.kind;
import static io.shopflow.systemtests.ServiceConfiguration.CATALOGUE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shopflow.topology.Topology;
import org.junit.jupiter.api.Test;

/**
 * The topology catalogue (shared-events/topology) is the one place a port or a database is written. The services'
 * configuration refers to it, quarkus-kubernetes writes the Deployments from what that resolves to, and the
 * NetworkPolicies name those ports: checked here, without a cluster. compose.yaml, which cannot read the catalogue,
 * is held to it by {@link ComposeConsistencyTest}; ./platform's Prometheus scrape list here.
 */
class TopologyConsistencyTest {

    private static final String NAME = "app.kubernetes.io/name";
    private static final Pattern NUMBER = Pattern.compile("(?<![\\d.])\\d{4,5}(?!\\d)");
    /** A callee's address in the kubernetes profile: a Stork service's DNS name or port, or a URL's host and port. */
    private static final Pattern STORK = Pattern.compile("quarkus\\.stork\\.([^.]+)\\.service-discovery\\.(hostname|port)");
    private static final Pattern URL = Pattern.compile("//([a-z-]+):(\\d+)");

    static List<String> services() {
        return List.of(CATALOGUE.getProperty("services").split("\\s*,\\s*"));
    }

    /** The catalogue's key of a port number ({@code user-service.grpc-port}), if it is one of the catalogue's. */
    static Optional<String> catalogueKeyOf(String port) {
        return CATALOGUE.stringPropertyNames().stream()
                .filter(key -> key.endsWith("-port") && CATALOGUE.getProperty(key).equals(port)).findFirst();
    }

    /** The name of a service's port: {@code http}, {@code grpc} or {@code management}, as its container names it. */
    private static String portName(String service, String port) {
        String key = catalogueKeyOf(port).orElseThrow(() -> new AssertionError(port + " is no port of the catalogue"));
        assertThat(key).as("port %s", port).startsWith(service + ".").doesNotEndWith("-test-port");
        return key.substring(service.length() + 1, key.length() - "-port".length());
    }

    @Test
    void every_service_listens_on_its_catalogue_ports_in_production_and_in_its_tests() {
        for (String service : services()) {
            Properties properties = ServiceConfiguration.read(service);
            boolean grpc = CATALOGUE.containsKey(service + ".grpc-port");
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("quarkus.http.port", "http-port");
            expected.put("%test.quarkus.http.test-port", "http-test-port");
            expected.put("quarkus.management.port", "management-port");
            expected.put("%test.quarkus.management.test-port", "management-test-port");
            expected.put("quarkus.grpc.server.port", grpc ? "grpc-port" : null);
            expected.put("%test.quarkus.grpc.server.test-port", grpc ? "grpc-test-port" : null);
            expected.forEach((key, entry) -> assertThat(properties.getProperty(key))
                    .as("%s: %s", ServiceConfiguration.file(service), key)
                    .isEqualTo(entry == null ? null : "${" + Topology.PREFIX + service + "." + entry + "}"));
            assertThat(properties.getProperty("quarkus.management.enabled")).as(service).isEqualTo("true");
            if (grpc) {
                assertThat(properties.getProperty("quarkus.grpc.server.use-separate-server")).as(service).isEqualTo("true");
            }
        }
    }

    @Test
    void no_service_configuration_writes_a_port_of_the_catalogue_as_a_number() {
        List<String> literals = new ArrayList<>();
        for (String service : services()) {
            Properties properties = ServiceConfiguration.read(service);
            for (String key : properties.stringPropertyNames()) {
                Matcher number = NUMBER.matcher(properties.getProperty(key));
                while (number.find()) {
                    catalogueKeyOf(number.group()).ifPresent(entry -> literals.add(service + ": " + key + "="
                            + properties.getProperty(key) + " (write ${" + Topology.PREFIX + entry + "})"));
                }
            }
        }
        assertThat(literals).as("ports written as numbers instead of the catalogue's expressions").isEmpty();
    }

    @Test
    void every_datasource_is_the_catalogues_database_of_its_service() {
        for (String service : services()) {
            Properties properties = ServiceConfiguration.read(service);
            var urls = properties.stringPropertyNames().stream().filter(key -> key.matches(".*quarkus\\.datasource\\..*url"))
                    .map(properties::getProperty).toList();
            String database = CATALOGUE.getProperty(service + ".database");
            if (database == null) {
                assertThat(urls).as("%s keeps no state: no datasource", service).isEmpty();
            } else {
                assertThat(urls).as("%s's datasource URLs", service).isNotEmpty().allMatch(url -> url.endsWith("/" + database));
            }
        }
    }

    @Test
    void the_generated_deployments_and_services_listen_on_the_catalogues_ports() {
        for (String service : services()) {
            List<JsonNode> objects = Manifests.read(Manifests.K8S.resolve("base/generated/" + service + ".yml"));
            Map<String, String> expected = new TreeMap<>();
            for (String port : List.of("http", "grpc", "management")) {
                Optional.ofNullable(CATALOGUE.getProperty(service + "." + port + "-port")).ifPresent(p -> expected.put(port, p));
            }
            JsonNode container = objects.stream().filter(kind("Deployment")).findFirst().orElseThrow()
                    .path("spec").path("template").path("spec").path("containers").path(0);
            assertThat(ports(container.path("ports"), "containerPort")).as("%s's container ports: regenerate with "
                    + "deploy/k8s/generate", service).isEqualTo(expected);
            expected.remove("management");
            assertThat(ports(objects.stream().filter(kind("Service")).findFirst().orElseThrow().path("spec").path("ports"),
                    "port")).as("%s's Service: what callers dial, never the management port", service).isEqualTo(expected);
        }
    }

    private static Map<String, String> ports(JsonNode ports, String field) {
        Map<String, String> byName = new TreeMap<>();
        ports.forEach(port -> byName.put(port.path("name").asText(), port.path(field).asText()));
        return byName;
    }

    /** Every call the kubernetes profile configures, as caller -> callee -> the callee's port name. */
    private static List<String[]> callsInTheCluster() {
        List<String[]> calls = new ArrayList<>();
        for (String caller : services()) {
            Properties properties = ServiceConfiguration.read(caller);
            Map<String, String> hosts = new TreeMap<>();
            Map<String, String> ports = new TreeMap<>();
            for (String key : properties.stringPropertyNames()) {
                if (!key.startsWith("%kubernetes.")) {
                    continue;
                }
                String value = ServiceConfiguration.resolved(properties.getProperty(key));
                Matcher stork = STORK.matcher(key.substring("%kubernetes.".length()));
                if (stork.matches()) {
                    (stork.group(2).equals("port") ? ports : hosts).put(stork.group(1),
                            stork.group(2).equals("port") ? value : value.substring(0, value.indexOf('.')));
                }
                Matcher url = URL.matcher(value);
                if (url.find() && services().contains(url.group(1))) {
                    calls.add(new String[] {caller, url.group(1), portName(url.group(1), url.group(2))});
                }
            }
            ports.forEach((storkService, port) -> {
                String callee = hosts.get(storkService);
                calls.add(new String[] {caller, callee, portName(callee, port)});
            });
        }
        return calls;
    }

    @Test
    void the_network_policies_let_every_call_of_the_kubernetes_profiles_out_of_the_caller_and_into_the_callee() {
        List<JsonNode> policies = Manifests.read(Manifests.K8S.resolve("base/network-policies.yaml"));
        List<String[]> calls = callsInTheCluster();
        assertThat(calls).as("the calls between services in the cluster").hasSizeGreaterThanOrEqualTo(12);
        for (String[] call : calls) {
            String caller = call[0];
            String callee = call[1];
            String port = call[2];
            assertThat(rules(policies, caller, "egress").stream().anyMatch(rule -> opens(rule, "to", callee, port)))
                    .as("%s may call %s on its port %s (deploy/k8s/base/network-policies.yaml)", caller, callee, port)
                    .isTrue();
            assertThat(rules(policies, callee, "ingress").stream().anyMatch(rule -> opens(rule, "from", caller, port)))
                    .as("%s lets %s in on its port %s (deploy/k8s/base/network-policies.yaml)", callee, caller, port)
                    .isTrue();
        }
    }

    @Test
    void the_network_policies_name_the_services_ports_instead_of_numbering_them() {
        List<String> numbered = new ArrayList<>();
        for (JsonNode policy : Manifests.read(Manifests.K8S.resolve("base/network-policies.yaml"))) {
            policy.findValues("ports").forEach(ports -> ports.forEach(port -> catalogueKeyOf(port.path("port").asText())
                    .ifPresent(key -> numbered.add(Manifests.name(policy) + ": " + port + " (" + key + ")"))));
        }
        assertThat(numbered).as("ports by number: name them (http, grpc, management), the containers' names").isEmpty();
    }

    /** The rules of this direction of every policy that selects the service's pods. */
    private static List<JsonNode> rules(List<JsonNode> policies, String service, String direction) {
        ObjectNode labels = JsonNodeFactory.instance.objectNode().put(NAME, service);
        return policies.stream().filter(kind("NetworkPolicy"))
                .filter(policy -> Manifests.selects(policy.path("spec").path("podSelector"), labels))
                .flatMap(policy -> StreamSupport.stream(policy.path("spec").path(direction).spliterator(), false))
                .toList();
    }

    /** Whether a rule lets traffic to or from the peer's pods on this port (no peers or no ports: any). */
    private static boolean opens(JsonNode rule, String peers, String peer, String port) {
        boolean toPeer = !rule.has(peers) || StreamSupport.stream(rule.path(peers).spliterator(), false)
                .anyMatch(selector -> peer.equals(selector.path("podSelector").path("matchLabels").path(NAME).asText()));
        boolean onPort = !rule.has("ports") || StreamSupport.stream(rule.path("ports").spliterator(), false)
                .anyMatch(p -> port.equals(p.path("port").asText()));
        return toPeer && onPort;
    }

    @Test
    void the_local_prometheus_scrapes_every_service_on_its_catalogue_management_port() {
        JsonNode config = Manifests.read(Manifests.ROOT.resolve("observability/prometheus/prometheus.yml")).get(0);
        Map<String, String> targets = new TreeMap<>();
        for (JsonNode group : config.path("scrape_configs").path(0).path("static_configs")) {
            group.path("targets").forEach(target -> targets.put(group.path("labels").path("service").asText(), target.asText()));
        }
        Map<String, String> expected = new TreeMap<>();
        services().forEach(service -> expected.put(service, "localhost:" + CATALOGUE.getProperty(service + ".management-port")));
        assertThat(targets).as("observability/prometheus/prometheus.yml: service label -> target").isEqualTo(expected);
    }
}
