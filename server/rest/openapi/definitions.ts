// Why: OpenAPI v2 and v3 share one set of schemas named as Kubernetes names them (io.k8s.api.apps.v1.Deployment), built from the generated client-node models.

import models from "./models.json";
import { PATCH_META } from "./patch-strategies";

type JsonSchema = Record<string, unknown>;
interface Model {
  description?: string;
  required?: string[];
  fields: Record<string, { type: string; description?: string }>;
}

const MODELS = (models as unknown as { models: Record<string, Model> }).models;
/** `group/version/Kind` → model. */
export const KIND_MODELS: Readonly<Record<string, string>> = (models as { kinds: Record<string, string> }).kinds;

const META = "io.k8s.apimachinery.pkg.apis.meta.v1";
/** Types of k8s.io/apimachinery meta/v1 (client-node names them V1…, like the API types). */
const META_TYPES = new Set([
  "ObjectMeta", "ListMeta", "LabelSelector", "LabelSelectorRequirement", "OwnerReference", "ManagedFieldsEntry", "Condition",
  "Status", "StatusDetails", "StatusCause", "DeleteOptions", "Preconditions", "APIResource", "APIResourceList", "APIGroup",
  "APIGroupList", "APIVersions", "GroupVersionForDiscovery", "ServerAddressByClientCIDR", "WatchEvent",
]);
/** Types that live in a package other than the first kind that reaches them. */
const PACKAGE_OVERRIDES: Record<string, string> = {
  V1TopologySelectorTerm: "core.v1",
  V1TopologySelectorLabelRequirement: "core.v1",
};

const INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
const QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";

/** Shared primitives, as Kubernetes defines them. v3 gives int-or-string and quantities `oneOf` types (kubectl explain then names them IntOrString and Quantity). */
function primitiveSchema(name: string, v3: boolean): JsonSchema {
  switch (name) {
    case `${META}.Time`:
      return { type: "string", format: "date-time", description: "Time is a wrapper around time.Time which supports correct marshaling to YAML and JSON." };
    case `${META}.MicroTime`:
      return { type: "string", format: "date-time", description: "MicroTime is version of Time with microsecond level precision." };
    case `${META}.FieldsV1`:
      return { type: "object", description: "FieldsV1 stores a set of fields in a data structure like a Trie, in JSON format." };
    case `${META}.Patch`:
      return { type: "object", description: "Patch is provided to give a concrete name and type to the Kubernetes PATCH request body." };
    case INT_OR_STRING:
      return {
        ...(v3 ? { oneOf: [{ type: "integer" }, { type: "string" }] } : { type: "string" }),
        format: "int-or-string",
        "x-kubernetes-int-or-string": true,
        description: "IntOrString is a type that can hold an int32 or a string.",
      };
    case QUANTITY:
      return {
        ...(v3 ? { oneOf: [{ type: "string" }, { type: "number" }] } : { type: "string" }),
        "x-kubernetes-int-or-string": true,
        description: "Quantity is a fixed-point representation of a number, like 100m or 1Gi; plain numbers are accepted too.",
      };
    default:
      return { type: "object", description: "RawExtension is used to hold extensions in external versions." };
  }
}
const REF_OF: Record<string, string> = {
  date: `${META}.Time`,
  microtime: `${META}.MicroTime`,
  intstr: INT_OR_STRING,
  quantity: QUANTITY,
};

/** `V1DeploymentSpec` → `DeploymentSpec`, `CoreV1EndpointPort` → `EndpointPort` (the Go struct name). */
function goName(model: string): string {
  return model.replace(/^([A-Z][a-z]+)*?V\d+((alpha|beta)\d+)?(?=[A-Z])/, "");
}

/** `apps` → `apps`, `""` → `core`, `rbac.authorization.k8s.io` → `rbac` (the Go package under k8s.io/api). */
const packageOfGroup = (group: string) => (group === "" ? "core" : group.split(".")[0]);

/** Model → `group.version` package, from its name prefix or else the first kind (core first) that reaches it. */
function assignPackages(): Map<string, string> {
  const pkg = new Map<string, string>();
  const walk = (model: string, p: string) => {
    if (pkg.has(model) || !MODELS[model]) return;
    pkg.set(model, PACKAGE_OVERRIDES[model] ?? p);
    for (const f of Object.values(MODELS[model].fields)) walk(f.type.replace(/^(\[\]|\{\})+/, ""), p);
  };
  const prefixed = (model: string): string | undefined => {
    const m = /^([A-Z][a-z]+)(V\d+(?:(?:alpha|beta)\d+)?)[A-Z]/.exec(model);
    return m ? `${m[1].toLowerCase()}.${m[2].toLowerCase()}` : undefined;
  };
  for (const model of Object.keys(MODELS)) {
    const p = prefixed(model);
    if (p) pkg.set(model, p);
  }
  for (const [gvk, model] of Object.entries(KIND_MODELS)) {
    const [group, version] = gvk.split("/");
    walk(model, `${packageOfGroup(group)}.${version}`);
  }
  for (const model of Object.keys(MODELS)) if (!pkg.has(model)) walk(model, "core.v1");
  return pkg;
}

const PACKAGES = assignPackages();

/** The Kubernetes definition name of a client-node model: `V1Deployment` → `io.k8s.api.apps.v1.Deployment`, `V1ObjectMeta` → `io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta`. */
export function definitionName(model: string): string {
  const name = goName(model);
  if (META_TYPES.has(name)) return `${META}.${name}`;
  return `io.k8s.api.${PACKAGES.get(model) ?? "core.v1"}.${name}`;
}

/** Which OpenAPI flavour to emit: v2 puts `$ref` beside a description; v3 wraps it in `allOf` as Kubernetes does. */
export interface SchemaFlavour {
  refPrefix: "#/definitions/" | "#/components/schemas/";
  v3: boolean;
}

function refTo(name: string, flavour: SchemaFlavour, description?: string): JsonSchema {
  const ref = { $ref: flavour.refPrefix + name };
  if (!description) return ref;
  return flavour.v3 ? { allOf: [ref], description } : { ...ref, description };
}

/** The schema of a compact type (`[]V1Container`, `{}quantity`, `int32`) and the definitions it refers to. */
function typeSchema(type: string, flavour: SchemaFlavour, refs: Set<string>, description?: string, field = false): JsonSchema {
  const desc = description ? { description } : {};
  if (type.startsWith("[]")) return { type: "array", items: typeSchema(type.slice(2), flavour, refs), ...desc };
  if (type.startsWith("{}")) return { type: "object", additionalProperties: typeSchema(type.slice(2), flavour, refs), ...desc };
  switch (type) {
    case "string":
      return { type: "string", ...desc };
    case "bytes":
      return { type: "string", format: "byte", ...desc };
    case "int32":
    case "int64":
      return { type: "integer", format: type, ...desc };
    case "float64":
      return { type: "number", format: "double", ...desc };
    case "boolean":
      return { type: "boolean", ...desc };
    case "any":
      return { type: "object", "x-kubernetes-preserve-unknown-fields": true, ...desc };
  }
  const name = REF_OF[type] ?? definitionName(type);
  refs.add(REF_OF[type] ? type : name);
  // Marked on the field too, so a reader of one property (SSA, validators) needs no ref lookup.
  if (type === "intstr" || type === "quantity") return { ...refTo(name, flavour, description), "x-kubernetes-int-or-string": true };
  // client-node keeps no description on fields of a model type; the type's own description is the next best.
  return refTo(name, flavour, description ?? (field ? MODELS[type]?.description : undefined));
}

const patchExtensions = (meta: (typeof PATCH_META)[string][string] | undefined): JsonSchema =>
  meta
    ? {
        ...(meta.listType === "map" ? { "x-kubernetes-list-map-keys": meta.listMapKeys } : {}),
        ...(meta.listType ? { "x-kubernetes-list-type": meta.listType } : {}),
        ...(meta.patchMergeKey ? { "x-kubernetes-patch-merge-key": meta.patchMergeKey } : {}),
        ...(meta.patchStrategy ? { "x-kubernetes-patch-strategy": meta.patchStrategy } : {}),
      }
    : {};

/** GVKs of each model that is a served kind: `x-kubernetes-group-version-kind`. */
const GVKS = new Map<string, { group: string; kind: string; version: string }[]>();
for (const [gvk, model] of Object.entries(KIND_MODELS)) {
  const [group, version, kind] = gvk.split("/");
  GVKS.set(model, [...(GVKS.get(model) ?? []), { group, kind, version }]);
}

/** The schema of one model; `refs` collects the definitions it refers to (compact primitives or definition names). */
function modelSchema(model: string, flavour: SchemaFlavour, refs: Set<string>): JsonSchema {
  const m = MODELS[model];
  const properties: Record<string, JsonSchema> = {};
  for (const [field, f] of Object.entries(m.fields)) {
    properties[field] = { ...typeSchema(f.type, flavour, refs, f.description, true), ...patchExtensions(PATCH_META[model]?.[field]) };
  }
  const gvk = GVKS.get(model);
  return {
    ...(m.description ? { description: m.description } : {}),
    type: "object",
    properties,
    ...(m.required ? { required: m.required } : {}),
    ...(gvk ? { "x-kubernetes-group-version-kind": gvk } : {}),
    ...(model === "V1LabelSelector" || model === "V1NodeSelector" || model === "V1NodeSelectorTerm" ? { "x-kubernetes-map-type": "atomic" } : {}),
  };
}

const MODEL_BY_NAME = new Map(Object.keys(MODELS).map((m) => [definitionName(m), m]));
const PRIMITIVE_BY_COMPACT = new Map(Object.entries(REF_OF));

/**
 * The definitions reachable from `roots` (client-node model names; all models when omitted), keyed by
 * Kubernetes definition name, with refs in the given flavour.
 */
export function buildDefinitions(flavour: SchemaFlavour, roots?: readonly string[]): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  const queue = [...(roots ?? Object.keys(MODELS))];
  const seen = new Set<string>();
  while (queue.length) {
    const model = queue.shift()!;
    if (seen.has(model)) continue;
    seen.add(model);
    const refs = new Set<string>();
    out[definitionName(model)] = modelSchema(model, flavour, refs);
    for (const r of refs) {
      const primitive = PRIMITIVE_BY_COMPACT.get(r);
      if (primitive) out[primitive] = primitiveSchema(primitive, flavour.v3);
      else {
        const next = MODEL_BY_NAME.get(r);
        if (next && !seen.has(next)) queue.push(next);
      }
    }
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

/** Definitions every document needs: Status (errors), DeleteOptions and Patch (request bodies), plus the primitives. */
export function commonDefinitions(flavour: SchemaFlavour): Record<string, JsonSchema> {
  return { ...buildDefinitions(flavour, ["V1Status", "V1DeleteOptions"]), [`${META}.Patch`]: primitiveSchema(`${META}.Patch`, flavour.v3) };
}
