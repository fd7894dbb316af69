// Self-test of the validator: `npm test` (node --test).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { validateYaml } from "./validate.mjs";

const VALIDATOR = fileURLToPath(new URL("./validate.mjs", import.meta.url));

const DEPLOYMENT = `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: order-service
  labels: {app: order-service, app.kubernetes.io/part-of: shopflow}
  annotations: {prometheus.io/scrape: "true"}
spec:
  replicas: 2
  selector:
    matchLabels: {app: order-service}
  template:
    metadata:
      labels: {app: order-service}
    spec:
      containers:
        - name: app
          image: shopflow/order-service:1.0.0
          imagePullPolicy: IfNotPresent
          ports: [{name: http, containerPort: 8080}]
          env: [{name: QUARKUS_PROFILE, value: prod}]
          resources: {requests: {cpu: 100m, memory: 256Mi}}
          readinessProbe: {httpGet: {path: /q/health/ready, port: http}}
      volumes: [{name: tmp, emptyDir: {}}]
`;

const KAFKA_TOPIC = `
apiVersion: kafka.strimzi.io/v1beta2
kind: KafkaTopic
metadata:
  name: orders
  labels: {strimzi.io/cluster: shopflow}
spec:
  topicName: shopflow.orders
  partitions: 6
  replicas: 3
  config: {retention.ms: 604800000, cleanup.policy: delete}
`;

const CNPG_CLUSTER = `
apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata: {name: orders-db}
spec:
  instances: 3
  storage: {size: 5Gi}
  postgresql:
    parameters: {wal_level: logical, max_connections: "200"}
  bootstrap:
    initdb: {database: orders, owner: orders}
`;

const SERVICE_MONITOR = `
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: order-service}
spec:
  selector: {matchLabels: {app: order-service}}
  endpoints:
    - {port: http, path: /q/metrics, interval: 15s}
`;

const VIRTUAL_SERVICE = `
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: order-service}
spec:
  hosts: [order-service]
  http:
    - route: [{destination: {host: order-service, subset: v1}}]
      retries: {attempts: 3, perTryTimeout: 2s}
      timeout: 10s
`;

const DESTINATION_RULE = `
apiVersion: networking.istio.io/v1beta1
kind: DestinationRule
metadata: {name: order-service}
spec:
  host: order-service
  trafficPolicy:
    outlierDetection: {consecutive5xxErrors: 5, interval: 10s, baseEjectionTime: 30s}
  subsets: [{name: v1, labels: {version: v1}}]
`;

/** Validates YAML and returns the error lines as "path: message". */
async function errorsOf(yaml) {
  const { problems } = await validateYaml(yaml);
  return problems.map((p) => `${p.path}: ${p.message}`);
}

async function assertValid(yaml) {
  assert.deepEqual(await errorsOf(yaml), []);
}

async function assertError(yaml, expected) {
  const errors = await errorsOf(yaml);
  assert.ok(errors.some((e) => e.includes(expected)), `expected an error containing ${JSON.stringify(expected)}, got ${JSON.stringify(errors)}`);
}

test("valid Deployment passes (labels/annotations/maps accept any keys)", () => assertValid(DEPLOYMENT));

test("misspelled container field fails", () =>
  assertError(DEPLOYMENT.replace("imagePullPolicy:", "imagePullPolicyy:"), "spec.template.spec.containers[0].imagePullPolicyy: unknown field"));

test("misspelled top-level and metadata fields fail", async () => {
  await assertError(DEPLOYMENT.replace("spec:\n  replicas", "spce: {}\nspec:\n  replicas"), "spce: unknown field");
  await assertError(DEPLOYMENT.replace("  labels: {app: order-service, app", "  label: {app: order-service, app"), "metadata.label: unknown field");
});

test("Deployment without selector fails", () =>
  assertError(DEPLOYMENT.replace("  selector:\n    matchLabels: {app: order-service}\n", ""), 'spec: required field "selector" is missing'));

test("wrong type and enum value fail", async () => {
  await assertError(DEPLOYMENT.replace("replicas: 2", "replicas: two"), "spec.replicas: must be integer");
  await assertError(DEPLOYMENT.replace("IfNotPresent", "Sometimes"), "imagePullPolicy: must be equal to one of the allowed values");
});

test("unknown kind fails", () => assertError(DEPLOYMENT.replace("kind: Deployment", "kind: Deploymnet"), 'unknown kind "Deploymnet" in apps/v1'));

test("unknown apiVersion fails", async () => {
  await assertError(DEPLOYMENT.replace("apps/v1", "app/v1"), 'unknown apiVersion "app/v1"');
  await assertError(VIRTUAL_SERVICE.replace("networking.istio.io/v1", "networking.istio.io/v2"), 'unknown apiVersion "networking.istio.io/v2"');
});

test("API removed before the target Kubernetes version fails", () =>
  assertError("apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata: {name: x}\nspec: {minAvailable: 1}\n", "not served by Kubernetes"));

test("missing metadata.name fails", () =>
  assertError("apiVersion: v1\nkind: ConfigMap\nmetadata: {namespace: shopflow}\ndata: {a: b}\n", "metadata.name: required field is missing"));

const CRDS = [
  ["Strimzi KafkaTopic", KAFKA_TOPIC, ["partitions:", "partitionz:"], "spec.partitionz: unknown field"],
  ["CloudNativePG Cluster", CNPG_CLUSTER, ["storage:", "storag:"], "spec.storag: unknown field"],
  ["ServiceMonitor", SERVICE_MONITOR, ["interval:", "intervall:"], "spec.endpoints[0].intervall: unknown field"],
  ["Istio VirtualService", VIRTUAL_SERVICE, ["perTryTimeout:", "perTryTimout:"], "spec.http[0].retries.perTryTimout: unknown field"],
  ["Istio DestinationRule", DESTINATION_RULE, ["consecutive5xxErrors:", "consecutive5xxError:"], "spec.trafficPolicy.outlierDetection.consecutive5xxError: unknown field"],
];
for (const [name, yaml, [from, to], expected] of CRDS) {
  test(`valid ${name} passes`, () => assertValid(yaml));
  test(`${name} with a misspelled field fails`, () => assertError(yaml.replace(from, to), expected));
}

test("YAML is read like kubectl: unquoted on/yes are booleans, timestamps stay strings", async () => {
  await assertError("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {A: on}\n", "data.A: must be string");
  await assertValid("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {A: 2029-12-31T14:00:00Z, B: 1:20}\n");
});

test("package quirks the API server accepts: `description` fields, defaulted required fields", async () => {
  await assertValid("apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: p}\nvalue: 1000\ndescription: high\n");
  await assertValid(CNPG_CLUSTER.replace("  instances: 3\n", "  description: orders\n"));
});

test("multi-document stream: empty documents skipped, every object counted", async () => {
  const { count, problems } = await validateYaml(`---\n${DEPLOYMENT}\n---\n---\n${KAFKA_TOPIC}\n---\n${CNPG_CLUSTER}\n`);
  assert.equal(count, 3);
  assert.deepEqual(problems, []);
});

test("CLI: exit 0 and summary on valid input, exit 1 with object/path/message otherwise", () => {
  const ok = spawnSync(process.execPath, [VALIDATOR], { input: `${DEPLOYMENT}---\n${SERVICE_MONITOR}` });
  assert.equal(ok.status, 0, ok.stderr.toString());
  assert.equal(ok.stdout.toString().trim(), "ok: 2 objects valid");

  const bad = spawnSync(process.execPath, [VALIDATOR], { input: DEPLOYMENT.replace("imagePullPolicy:", "imagePullPolicyy:") });
  assert.equal(bad.status, 1);
  assert.match(bad.stderr.toString(), /Deployment\/order-service: spec\.template\.spec\.containers\[0\]\.imagePullPolicyy: unknown field/);

  const empty = spawnSync(process.execPath, [VALIDATOR], { input: "" });
  assert.equal(empty.status, 1);
});
