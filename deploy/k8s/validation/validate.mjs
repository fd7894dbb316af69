#!/usr/bin/env node
// Offline schema validation of rendered Kubernetes manifests.
//
//   kubectl kustomize deploy/k8s/overlays/<overlay> | node deploy/k8s/validation/validate.mjs
//
// Every document must be a known apiVersion/kind, have metadata.name, pass the
// OpenAPI schema shipped in the kubernetes-models / @kubernetes-models/* packages,
// and contain no field that the schema does not define (strict, like
// `kubectl apply --validate=strict`). Exit code 0 = all valid, 1 = errors listed
// on stderr, 2 = the validator itself failed.

import { readdirSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { parseAllDocuments } from "yaml";

// The Kubernetes version the manifests are written for; see notServedReason().
export const TARGET_KUBERNETES = "1.32";

// API group -> npm package holding its models. Groups not listed here are
// looked up in `kubernetes-models` (the built-in Kubernetes APIs).
// To support another operator: `npm install --save-exact @kubernetes-models/<x>`
// and add its API groups here.
const CRD_PACKAGES = {
  "kafka.strimzi.io": "@kubernetes-models/strimzi-kafka-operator",
  "core.strimzi.io": "@kubernetes-models/strimzi-kafka-operator",
  "postgresql.cnpg.io": "@kubernetes-models/cloudnative-pg",
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator",
  "networking.istio.io": "@kubernetes-models/istio",
  "security.istio.io": "@kubernetes-models/istio",
  "telemetry.istio.io": "@kubernetes-models/istio",
  "extensions.istio.io": "@kubernetes-models/istio",
  "grafana.integreatly.org": "@kubernetes-models/grafana-operator",
};
const BUILTIN_PACKAGE = "kubernetes-models";

// kubernetes-models 5.x merges the OpenAPI specs of Kubernetes 1.15 ... 1.36, so
// it also knows APIs that a 1.32 API server does not serve. Its only alpha/beta
// built-in versions are ones removed before 1.32 (extensions/v1beta1,
// policy/v1beta1, autoscaling/v2beta2, flowcontrol v1beta3, ...), and these GA
// kinds only arrived after 1.32:
const BUILTIN_AFTER_TARGET = {
  "admissionregistration.k8s.io/v1": ["MutatingAdmissionPolicy", "MutatingAdmissionPolicyBinding"], // 1.36
  "networking.k8s.io/v1": ["IPAddress", "ServiceCIDR"], // 1.33
  "storage.k8s.io/v1": ["VolumeAttributesClass"], // 1.34
  "resource.k8s.io/v1": "*", // 1.34
};

function notServedReason(pkg, apiVersion, kind) {
  if (pkg !== BUILTIN_PACKAGE) return null;
  if (/v\d+(alpha|beta)\d+$/.test(apiVersion)) {
    return `${apiVersion} is not served by Kubernetes ${TARGET_KUBERNETES} (removed API; use the GA version)`;
  }
  const later = BUILTIN_AFTER_TARGET[apiVersion];
  if (later === "*" || later?.includes(kind)) {
    return `${apiVersion} ${kind} is not served by Kubernetes ${TARGET_KUBERNETES} (added in a later release)`;
  }
  return null;
}

// ---------------------------------------------------------------------------
// Model lookup

const moduleCache = new Map();

function splitApiVersion(apiVersion) {
  const i = apiVersion.lastIndexOf("/");
  return i < 0 ? { group: "", version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

/** Imports e.g. "kubernetes-models/apps/v1"; null when the package has no such API version. */
async function loadApiModule(pkg, group, version) {
  const specifier = group ? `${pkg}/${group}/${version}` : `${pkg}/${version}`;
  if (!moduleCache.has(specifier)) {
    moduleCache.set(specifier, import(specifier).catch((e) => {
      // The package exists but has no such group/version. (A missing package,
      // ERR_MODULE_NOT_FOUND, is a setup error: run `npm ci` in this folder.)
      if (e.code === "ERR_PACKAGE_PATH_NOT_EXPORTED") return null;
      throw e;
    }));
  }
  return moduleCache.get(specifier);
}

/** Top-level resource classes of a module: the ones with static apiVersion and kind. */
function resourceKinds(mod) {
  return Object.values(mod)
    .filter((c) => typeof c === "function" && c.apiVersion && c.kind && !c.kind.endsWith("List"))
    .map((c) => c.kind)
    .sort();
}

function knownVersions(pkg, group) {
  try {
    const dir = new URL(`./node_modules/${pkg}/${group}/`, import.meta.url);
    return readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  } catch {
    return [];
  }
}

/** Returns { model } or { error }. */
async function findModel(apiVersion, kind) {
  const { group, version } = splitApiVersion(apiVersion);
  const pkg = CRD_PACKAGES[group] ?? BUILTIN_PACKAGE;
  const mod = await loadApiModule(pkg, group, version);
  if (!mod) {
    const versions = group ? knownVersions(pkg, group) : [];
    return {
      error: versions.length
        ? `unknown apiVersion "${apiVersion}" (${pkg} provides ${versions.map((v) => `${group}/${v}`).join(", ")})`
        : `unknown apiVersion "${apiVersion}" (no installed package provides API group "${group}")`,
    };
  }
  const model = mod[kind];
  if (typeof model !== "function" || model.kind !== kind || model.apiVersion !== apiVersion) {
    return { error: `unknown kind "${kind}" in ${apiVersion} (known: ${resourceKinds(mod).join(", ")})` };
  }
  const reason = notServedReason(pkg, apiVersion, kind);
  return reason ? { error: reason } : { model };
}

// ---------------------------------------------------------------------------
// Strict (unknown field) checking
//
// The packages ship their schemas as ajv-compiled validator functions, not as
// JSON, and the Kubernetes OpenAPI/CRD schemas they come from do not set
// additionalProperties:false, so unknown fields pass `.validate()` silently
// (checked: a Deployment with `imagePullPolicyy` validates). We therefore watch
// which properties the compiled validator reads:
// - for an object whose schema lists `properties`, the generated code reads
//   every listed property (`data.foo !== undefined`), present or not, so a
//   present key it never read is unknown;
// - maps (labels, annotations, ConfigMap data, Strimzi/CNPG config ...) are
//   validated by looping `for (key in data)` and reading `data[key]`, so all
//   their keys count as read;
// - objects the validator never reads into (free-form, or
//   x-kubernetes-preserve-unknown-fields without properties) are not checked.

// The models' generator strips every `description` key from the schemas it
// compiles (meant for doc strings), which also deletes real fields named
// "description" (PriorityClass, CNPG Cluster.spec, AlertmanagerConfig ...).
// Such a field is therefore accepted wherever it appears, unchecked.
const STRIPPED_BY_GENERATOR = new Set(["description"]);

function isPlainObject(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function createWatcher() {
  const reads = new WeakMap(); // object/array -> Set of property names the validator read
  const proxies = new WeakMap(); // object/array -> its proxy, so identity stays stable

  function watch(target) {
    if (target === null || typeof target !== "object") return target;
    if (proxies.has(target)) return proxies.get(target);
    const keys = new Set();
    reads.set(target, keys);
    const proxy = new Proxy(target, {
      get(t, key, receiver) {
        if (typeof key === "string") keys.add(key);
        return watch(Reflect.get(t, key, receiver));
      },
    });
    proxies.set(target, proxy);
    return proxy;
  }

  /** JSON pointers (/a/b/0/c) of fields present in `value` that the validator never read. */
  function unknownFields(value, pointer = "", out = []) {
    if (Array.isArray(value)) {
      value.forEach((item, i) => unknownFields(item, `${pointer}/${i}`, out));
    } else if (isPlainObject(value) && reads.get(value)?.size) {
      const keys = reads.get(value);
      for (const [key, child] of Object.entries(value)) {
        const childPointer = `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
        if (keys.has(key) || STRIPPED_BY_GENERATOR.has(key)) unknownFields(child, childPointer, out);
        else out.push(childPointer);
      }
    }
    return out;
  }

  return { watch, unknownFields };
}

// ---------------------------------------------------------------------------
// Validation

/** JSON pointer "/spec/containers/0/image" -> "spec.containers[0].image" (kubectl style). */
export function pointerToPath(pointer) {
  if (!pointer) return "(root)";
  return pointer
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((path, seg) => (/^\d+$/.test(seg) ? `${path}[${seg}]` : path ? `${path}.${seg}` : seg), "");
}

// Where the compiled schemas are stricter than the API server. Keep this short
// and specific: each entry must name the upstream behaviour it mirrors.
//
// 1. Required CRD fields that also have a `default`: the API server fills the
//    default in before validating, the compiled validators apply no defaults.
//    (Found by scanning the CRDs the packages were generated from.)
const DEFAULTED_REQUIRED = {
  "postgresql.cnpg.io/v1 Cluster": ["spec.instances", "spec.replicationSlots.synchronizeReplicas.enabled"],
  "grafana.integreatly.org/v1beta1 Grafana": [
    "spec.external.tenantNamespace",
    "spec.route.spec.to.kind",
    "spec.route.spec.alternateBackends[].kind",
  ],
  "grafana.integreatly.org/v1beta1 GrafanaAlertRuleGroup": ["spec.rules[].for"],
};
// 2. `format: duration` is compiled as ISO 8601 ("PT5M"), but Kubernetes
//    (kube-openapi strfmt) means Go-style durations ("5m", "1h30m", "7d").
const GO_DURATION = /^[-+]?(\d+(\.\d+)?(ns|us|µs|ms|s|m|h|d|w))+$|^0$/;

function isApiServerAccepted(err, obj) {
  const p = err.params ?? {};
  if (err.keyword === "required") {
    const field = pointerToPath(`${err.instancePath}/${p.missingProperty}`).replace(/\[\d+\]/g, "[]");
    return DEFAULTED_REQUIRED[`${obj.apiVersion} ${obj.kind}`]?.includes(field) ?? false;
  }
  if (err.keyword === "format" && p.format === "duration") {
    return GO_DURATION.test(String(valueAt(obj, err.instancePath)));
  }
  return false;
}

function valueAt(obj, pointer) {
  return pointer
    .split("/")
    .slice(1)
    .reduce((v, seg) => v?.[seg.replace(/~1/g, "/").replace(/~0/g, "~")], obj);
}

function ajvMessage(err) {
  const p = err.params ?? {};
  if (err.keyword === "required") return `required field "${p.missingProperty}" is missing`;
  if (err.keyword === "enum") return `${err.message}: ${JSON.stringify(p.allowedValues)}`;
  return err.message ?? err.keyword;
}

/** Validates one parsed object; returns a list of { path, message }. */
export async function validateObject(obj) {
  if (!isPlainObject(obj)) return [{ path: "(root)", message: "document is not a YAML mapping" }];
  const { apiVersion, kind } = obj;
  if (typeof apiVersion !== "string" || typeof kind !== "string") {
    return [{ path: "(root)", message: "apiVersion and kind must be strings" }];
  }
  const { model, error } = await findModel(apiVersion, kind);
  if (error) return [{ path: "(root)", message: error }];

  const errors = [];
  if (typeof obj.metadata?.name !== "string" || obj.metadata.name === "") {
    errors.push({ path: "metadata.name", message: "required field is missing" });
  }

  // Call the model's own validate() (it runs the compiled schema on `this`)
  // on a watched view of the document instead of a copy, so we can see which
  // fields the schema knows.
  const watcher = createWatcher();
  try {
    model.prototype.validate.call(watcher.watch(obj));
  } catch (e) {
    if (!Array.isArray(e.errors)) throw e;
    for (const err of e.errors) {
      if (isApiServerAccepted(err, obj)) continue;
      errors.push({ path: pointerToPath(err.instancePath), message: ajvMessage(err) });
    }
  }
  for (const pointer of watcher.unknownFields(obj)) {
    errors.push({ path: pointerToPath(pointer), message: "unknown field" });
  }
  return dedupe(errors);
}

function dedupe(errors) {
  const seen = new Set();
  return errors.filter((e) => {
    const key = `${e.path}\0${e.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

function describe(obj, index) {
  const kind = isPlainObject(obj) && typeof obj.kind === "string" ? obj.kind : "?";
  const name = isPlainObject(obj) && obj.metadata?.name ? obj.metadata.name : "<no name>";
  const ns = isPlainObject(obj) && obj.metadata?.namespace ? ` (namespace ${obj.metadata.namespace})` : "";
  return `document ${index + 1}: ${kind}/${name}${ns}`;
}

// Read YAML the way kubectl's decoder (sigs.k8s.io/yaml, go-yaml v2) does:
// YAML 1.1 scalars (`on`/`yes`/`y` are booleans, 0755 is octal), but timestamps
// and sexagesimal numbers (`1:20`) stay strings.
const KUBECTL_YAML = {
  version: "1.1",
  customTags: (tags) => tags.filter((t) => t.tag !== "tag:yaml.org,2002:timestamp" && t.format !== "TIME"),
};

/** Validates a multi-document YAML string; returns { count, problems: [{ object, path, message }] }. */
export async function validateYaml(text) {
  const problems = [];
  let count = 0;
  const docs = parseAllDocuments(text, KUBECTL_YAML);
  if (!Array.isArray(docs)) return { count, problems }; // empty stream
  for (const [index, doc] of docs.entries()) {
    if (doc.errors.length) {
      for (const e of doc.errors) problems.push({ object: `document ${index + 1}`, path: "(yaml)", message: e.message });
      continue;
    }
    const obj = doc.toJS();
    if (obj === null || obj === undefined) continue; // empty document
    count++;
    for (const e of await validateObject(obj)) problems.push({ object: describe(obj, index), ...e });
  }
  return { count, problems };
}

async function main() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const { count, problems } = await validateYaml(Buffer.concat(chunks).toString("utf8"));
  if (problems.length) {
    for (const p of problems) console.error(`${p.object}: ${p.path}: ${p.message}`);
    console.error(`FAILED: ${problems.length} error(s) in ${count} object(s)`);
    process.exitCode = 1;
  } else if (count === 0) {
    console.error("FAILED: no objects on stdin");
    process.exitCode = 1;
  } else {
    console.log(`ok: ${count} objects valid`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((e) => {
    console.error(`validator error: ${e.stack ?? e}`);
    process.exitCode = 2;
  });
}
