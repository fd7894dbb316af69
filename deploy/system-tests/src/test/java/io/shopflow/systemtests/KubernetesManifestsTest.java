package io.shopflow.systemtests;

import static io.shopflow.systemtests.Manifests.K8S;
import static io.shopflow.systemtests.Manifests.kind;
import static io.shopflow.systemtests.Manifests.name;
import static io.shopflow.systemtests.Manifests.selects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * deploy/k8s, checked without a cluster: the manifests quarkus-kubernetes generates are the ones kept in git, every
 * overlay renders and every object in it validates against the Kubernetes and operator schemas, and the platform's
 * rules hold in every overlay: probes on the management port, resource limits, non-root read-only containers,
 * autoscaling, disruption budgets, and network policies that close every service and open only the gateway's http
 * port to the outside.
 */
class KubernetesManifestsTest {

    /** The longest a command here may take: npm ci on a slow registry day, the others take seconds. */
    private static final Duration LIMIT = Duration.ofMinutes(3);

    static List<String> overlays() {
        return Manifests.overlays();
    }

    /** Every service of the topology catalogue. */
    static List<String> services() {
        return TopologyConsistencyTest.services();
    }

    @ParameterizedTest
    @MethodSource("services")
    void the_manifests_kept_in_git_are_what_the_service_build_generates(String service) {
        var built = Manifests.ROOT.resolve("services").resolve(service).resolve("target/kubernetes/kubernetes.yml");
        var kept = K8S.resolve("base/generated").resolve(service + ".yml");
        assertThat(built).as("written by the service's build, which ran before these tests").exists();
        assertThat(withPortsByName(Manifests.read(kept)))
                .as("%s is stale: run deploy/k8s/generate", Manifests.ROOT.relativize(kept))
                .isEqualTo(withPortsByName(Manifests.read(built)));
    }

    /**
     * The manifests with every list of ports sorted by name: quarkus-kubernetes writes a container's http and
     * management ports in either order from one build to the next, and the order means nothing to Kubernetes.
     */
    private static List<JsonNode> withPortsByName(List<JsonNode> manifests) {
        manifests.forEach(KubernetesManifestsTest::sortPorts);
        return manifests;
    }

    private static void sortPorts(JsonNode node) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("ports") && field.getValue().isArray()) {
                    var sorted = new ArrayList<JsonNode>();
                    field.getValue().forEach(sorted::add);
                    sorted.sort(Comparator.comparing(port -> port.path("name").asText()));
                    ((ArrayNode) field.getValue()).removeAll().addAll(sorted);
                }
                sortPorts(field.getValue());
            });
        } else if (node.isArray()) {
            node.forEach(KubernetesManifestsTest::sortPorts);
        }
    }

    @Test
    void there_are_development_and_production_overlays() {
        assertThat(overlays()).contains("dev", "prod");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void every_object_of_the_overlay_validates_against_its_schema(String overlay) {
        String rendered = Manifests.render(overlay);
        var result = Commands.run(List.of("node", "validate.mjs"), validator(), rendered, LIMIT,
                Manifests.log("validate-" + overlay + ".log"));
        assertThat(result.exitCode()).as("validate.mjs on overlay %s:\n%s", overlay, result.output()).isZero();
        assertThat(result.output()).startsWith("ok:");
    }

    @Test
    void the_validator_rejects_unknown_kinds_misspelt_fields_and_missing_required_ones() {
        var result = Commands.run(List.of("npm", "test", "--silent"), validator(), null, LIMIT,
                Manifests.log("validation-npm-test.log"));
        assertThat(result.exitCode()).as("npm test in deploy/k8s/validation:\n%s", result.output()).isZero();
    }

    @Test
    void the_prometheus_rule_carries_the_alerts_prometheus_loads_locally() {
        JsonNode local = Manifests.read(Manifests.ROOT.resolve("observability/prometheus/alerts.yml")).get(0);
        JsonNode rule = Manifests.read(K8S.resolve("infra/monitoring/prometheus-rule.yaml")).get(0);
        assertThat(rule.path("spec").path("groups")).as("PrometheusRule shopflow's groups: a copy of alerts.yml's")
                .isEqualTo(local.path("groups"));
    }

    /** deploy/k8s/validation with its packages installed (npm ci, the first time); skipped without Node.js. */
    private static Path validator() {
        assumeTrue(Commands.onPath("node") && Commands.onPath("npm"), "Node.js is not installed: no offline validation");
        var validation = K8S.resolve("validation");
        if (!Files.isDirectory(validation.resolve("node_modules"))) {
            var install = Commands.run(List.of("npm", "ci", "--no-audit", "--no-fund"), validation, null, LIMIT,
                    Manifests.log("validation-npm-ci.log"));
            assertThat(install.exitCode()).as("npm ci in deploy/k8s/validation:\n%s", install.output()).isZero();
        }
        return validation;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void every_service_has_health_probes_resource_limits_and_a_locked_down_container(String overlay) {
        var services = Manifests.objects(overlay).stream().filter(Manifests::isService).toList();
        assertThat(services).hasSizeGreaterThanOrEqualTo(7);
        for (JsonNode deployment : services) {
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            JsonNode container = pod.path("containers").path(0);
            String what = overlay + "/" + name(deployment);
            int management = containerPort(container, "management");
            assertThat(management).as(what + ": Quarkus' management interface, apart from the http port")
                    .isPositive().isNotEqualTo(containerPort(container, "http"));
            for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                assertThat(container.path(probe).path("httpGet").path("path").asText())
                        .as("%s %s", what, probe).startsWith("/q/health/");
                assertThat(container.path(probe).path("httpGet").path("port").asInt())
                        .as("%s %s on the management port", what, probe).isEqualTo(management);
            }
            for (String bound : List.of("requests", "limits")) {
                for (String resource : List.of("cpu", "memory")) {
                    assertThat(container.path("resources").path(bound).hasNonNull(resource))
                            .as("%s %s.%s", what, bound, resource).isTrue();
                }
            }
            assertThat(container.path("image").asText()).as(what).matches(".+:[^/:]+").doesNotEndWith(":latest");
            assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).as(what + " non-root").isTrue();
            JsonNode security = container.path("securityContext");
            assertThat(security.path("readOnlyRootFilesystem").asBoolean()).as(what + " read-only root").isTrue();
            assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).as(what).isFalse();
            assertThat(security.path("capabilities").path("drop").toString()).as(what).contains("\"ALL\"");
            assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).as(what + " API token").isFalse();
            assertThat(writableTmp(pod, container)).as(what + ": /tmp is an emptyDir").isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void every_service_is_autoscaled_and_has_a_disruption_budget(String overlay) {
        var objects = Manifests.objects(overlay);
        int minimum = overlay.startsWith("prod") ? 2 : 1;
        objects.stream().filter(Manifests::isService).forEach(deployment -> {
            String what = overlay + "/" + name(deployment);
            JsonNode podLabels = deployment.path("spec").path("template").path("metadata").path("labels");
            assertThat(objects.stream().filter(kind("HorizontalPodAutoscaler"))
                    .filter(hpa -> name(deployment).equals(hpa.path("spec").path("scaleTargetRef").path("name").asText())))
                    .as(what + " autoscaler").singleElement()
                    .satisfies(hpa -> assertThat(hpa.path("spec").path("minReplicas").asInt()).isGreaterThanOrEqualTo(minimum));
            assertThat(deployment.path("spec").has("replicas")).as(what + ": the autoscaler owns replicas").isFalse();
            assertThat(objects.stream().filter(kind("PodDisruptionBudget"))
                    .filter(pdb -> selects(pdb.path("spec").path("selector"), podLabels)))
                    .as(what + " disruption budget").hasSize(1);
        });
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void every_service_is_closed_by_default_and_only_the_gateway_is_reachable_from_outside(String overlay) {
        var objects = Manifests.objects(overlay);
        var policies = objects.stream().filter(kind("NetworkPolicy")).toList();
        objects.stream().filter(Manifests::isService).forEach(deployment -> {
            String what = overlay + "/" + name(deployment);
            JsonNode podLabels = deployment.path("spec").path("template").path("metadata").path("labels");
            var selecting = policies.stream()
                    .filter(policy -> selects(policy.path("spec").path("podSelector"), podLabels)).toList();
            assertThat(selecting).as(what + ": a policy denying all traffic not allowed elsewhere")
                    .anyMatch(policy -> types(policy).containsAll(List.of("Ingress", "Egress"))
                            && !policy.path("spec").has("ingress") && !policy.path("spec").has("egress"));
            var ingressRules = selecting.stream()
                    .flatMap(policy -> StreamSupport.stream(policy.path("spec").path("ingress").spliterator(), false))
                    .toList();
            assertThat(ingressRules).as(what + ": callers let in").isNotEmpty();
            boolean openToOutside = ingressRules.stream().anyMatch(KubernetesManifestsTest::admitsOutside);
            assertThat(openToOutside).as(what + " reachable from outside the namespace")
                    .isEqualTo("api-gateway".equals(name(deployment)));
            JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").path(0);
            String management = String.valueOf(containerPort(container, "management"));
            ingressRules.stream().filter(KubernetesManifestsTest::admitsOutside).forEach(rule ->
                    assertThat(rule.path("ports").findValuesAsText("port")).as(what + ": the ports open to outside")
                            .isNotEmpty().doesNotContain(management, "management"));
        });
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void no_secret_is_kept_in_git(String overlay) {
        assertThat(Manifests.objects(overlay).stream().filter(kind("Secret")).map(Manifests::name))
                .as("Secrets are made in the cluster (README), never rendered from the repository").isEmpty();
    }

    /** An ingress rule admits traffic from outside unless every peer is a pod of the namespace or Prometheus's. */
    private static boolean admitsOutside(JsonNode rule) {
        if (!rule.has("from") || rule.path("from").isEmpty()) {
            return true;
        }
        return StreamSupport.stream(rule.path("from").spliterator(), false).anyMatch(peer -> {
            if (peer.has("ipBlock")) {
                return true;
            }
            if (!peer.has("namespaceSelector")) {
                return false;
            }
            return !"monitoring".equals(peer.path("namespaceSelector").path("matchLabels")
                    .path("kubernetes.io/metadata.name").asText());
        });
    }

    /** The container's port of this name; 0 when it has none. */
    private static int containerPort(JsonNode container, String name) {
        return StreamSupport.stream(container.path("ports").spliterator(), false)
                .filter(port -> name.equals(port.path("name").asText()))
                .mapToInt(port -> port.path("containerPort").asInt()).findFirst().orElse(0);
    }

    private static List<String> types(JsonNode policy) {
        return StreamSupport.stream(policy.path("spec").path("policyTypes").spliterator(), false)
                .map(JsonNode::asText).toList();
    }

    private static boolean writableTmp(JsonNode pod, JsonNode container) {
        return StreamSupport.stream(container.path("volumeMounts").spliterator(), false)
                .filter(mount -> "/tmp".equals(mount.path("mountPath").asText()))
                .anyMatch(mount -> StreamSupport.stream(pod.path("volumes").spliterator(), false)
                        .anyMatch(volume -> volume.path("name").asText().equals(mount.path("name").asText())
                                && volume.has("emptyDir")));
    }
}
