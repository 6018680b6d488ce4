// Why: strict decoding needs each served kind's field tree; generate it once from client-node's models so core/ never loads client-node at runtime.
//
// Run: npx tsx scripts/gen-schema.ts  → writes core/api/schema/kinds.json
import * as k8s from "@kubernetes/client-node";
import { writeFileSync } from "node:fs";
import path from "node:path";

/** `group/version/Kind` → client-node model class name. Includes kinds other helpers are likely to serve soon. */
const KINDS: Record<string, string> = {
  "/v1/Namespace": "V1Namespace",
  "/v1/Node": "V1Node",
  "/v1/Pod": "V1Pod",
  "/v1/PodTemplate": "V1PodTemplate",
  "/v1/Service": "V1Service",
  "/v1/Endpoints": "V1Endpoints",
  "/v1/ConfigMap": "V1ConfigMap",
  "/v1/Secret": "V1Secret",
  "/v1/ServiceAccount": "V1ServiceAccount",
  "/v1/Event": "CoreV1Event",
  "/v1/PersistentVolume": "V1PersistentVolume",
  "/v1/PersistentVolumeClaim": "V1PersistentVolumeClaim",
  "/v1/ResourceQuota": "V1ResourceQuota",
  "/v1/LimitRange": "V1LimitRange",
  "/v1/Binding": "V1Binding",
  "apps/v1/Deployment": "V1Deployment",
  "apps/v1/ReplicaSet": "V1ReplicaSet",
  "apps/v1/StatefulSet": "V1StatefulSet",
  "apps/v1/DaemonSet": "V1DaemonSet",
  "apps/v1/ControllerRevision": "V1ControllerRevision",
  "batch/v1/Job": "V1Job",
  "batch/v1/CronJob": "V1CronJob",
  "autoscaling/v1/Scale": "V1Scale",
  "autoscaling/v2/HorizontalPodAutoscaler": "V2HorizontalPodAutoscaler",
  "coordination.k8s.io/v1/Lease": "V1Lease",
  "networking.k8s.io/v1/NetworkPolicy": "V1NetworkPolicy",
  "networking.k8s.io/v1/Ingress": "V1Ingress",
  "discovery.k8s.io/v1/EndpointSlice": "V1EndpointSlice",
  "policy/v1/PodDisruptionBudget": "V1PodDisruptionBudget",
  "policy/v1/Eviction": "V1Eviction",
  "storage.k8s.io/v1/StorageClass": "V1StorageClass",
  "scheduling.k8s.io/v1/PriorityClass": "V1PriorityClass",
  "rbac.authorization.k8s.io/v1/Role": "V1Role",
  "rbac.authorization.k8s.io/v1/ClusterRole": "V1ClusterRole",
  "rbac.authorization.k8s.io/v1/RoleBinding": "V1RoleBinding",
  "rbac.authorization.k8s.io/v1/ClusterRoleBinding": "V1ClusterRoleBinding",
};

interface Attr {
  name: string;
  baseName: string;
  type: string;
  format: string;
}

type Models = Record<string, { attributeTypeMap?: Attr[] } | undefined>;
const models = k8s as unknown as Models;
const types: Record<string, Record<string, string>> = {};

/** Maps of resource quantities (Kubernetes' ResourceList) by field name; client-node types them as plain strings. */
const QUANTITY_MAPS = new Set(["limits", "requests", "capacity", "allocatable", "hard", "used", "default", "defaultRequest", "max", "min", "maxLimitRequestRatio", "allocatedResources", "overhead", "podFixed"]);
const QUANTITY_FIELDS = new Set(["sizeLimit", "storageCapacity"]);

/** Compact type reference: string|int32|int64|float64|boolean|date|any|intstr|quantity|bytes|[]T|{}T|ClassName. */
function ref(type: string, format: string, field = ""): string {
  const arr = /^Array<(.+)>$/.exec(type);
  if (arr) return `[]${ref(arr[1], "")}`;
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) {
    if (map[1] === "string" && QUANTITY_MAPS.has(field)) return "{}quantity";
    if (map[1] === "string" && format === "byte") return "{}bytes";
    return `{}${ref(map[1], "")}`;
  }
  switch (type) {
    case "string":
      if (QUANTITY_FIELDS.has(field)) return "quantity";
      return format === "byte" ? "bytes" : "string";
    case "number":
      return format === "int32" || format === "int64" ? format : "float64";
    case "boolean":
      return "boolean";
    case "Date":
    case "V1MicroTime":
      return "date";
    case "any":
    case "object":
      return "any";
    case "IntOrString":
      return "intstr";
    default:
      visit(type);
      return type;
  }
}

function visit(cls: string): void {
  if (types[cls]) return;
  const model = models[cls];
  if (!model?.attributeTypeMap) throw new Error(`no model ${cls}`);
  const fields: Record<string, string> = {};
  types[cls] = fields;
  for (const a of model.attributeTypeMap) fields[a.baseName] = ref(a.type, a.format, a.baseName);
}

for (const cls of Object.values(KINDS)) visit(cls);
const sorted = Object.fromEntries(Object.entries(types).sort(([a], [b]) => a.localeCompare(b)));
const out = path.join(import.meta.dirname, "..", "core", "api", "schema", "kinds.json");
writeFileSync(out, JSON.stringify({ kinds: KINDS, types: sorted }) + "\n");
console.log(`wrote ${Object.keys(sorted).length} types for ${Object.keys(KINDS).length} kinds to ${out}`);
