// Why: strategic merge patch and server-side apply merge lists by the keys Kubernetes declares on its Go types (patchMergeKey, listType); one table serves OpenAPI and the patchers.
//
// Pure data plus one lookup; imports only core's JSON so it can move to core/ unchanged.
import models from "./models.json";

/** How a list or map field merges, as the Go struct tags of Kubernetes declare it. */
export interface PatchMeta {
  /** `merge` (merge lists by key, or union of primitives), `merge,retainKeys` (volumes), absent = replace. */
  patchStrategy?: "merge" | "merge,retainKeys" | "retainKeys";
  /** The field that identifies an element of a merged list of objects (`name`, `containerPort`, `type`). */
  patchMergeKey?: string;
  /** Server-side apply: `atomic` (replace whole), `set` (primitives, union), `map` (keyed by listMapKeys). */
  listType?: "atomic" | "set" | "map";
  listMapKeys?: string[];
}

const byKey = (key: string, strategy: PatchMeta["patchStrategy"] = "merge", keys: string[] = [key]): PatchMeta => ({
  patchStrategy: strategy,
  patchMergeKey: key,
  listType: "map",
  listMapKeys: keys,
});
const ATOMIC: PatchMeta = { listType: "atomic" };
const conditions = byKey("type");

const containerLists: Record<string, PatchMeta> = {
  ports: byKey("containerPort", "merge", ["containerPort", "protocol"]),
  env: byKey("name"),
  volumeMounts: byKey("mountPath"),
  volumeDevices: byKey("devicePath"),
  resizePolicy: ATOMIC,
  command: ATOMIC,
  args: ATOMIC,
  envFrom: ATOMIC,
};

/**
 * Model (client-node class name) → field → patch metadata. Fields not listed are atomic lists
 * (replaced whole by a strategic merge patch) or plain fields.
 */
export const PATCH_META: Readonly<Record<string, Readonly<Record<string, PatchMeta>>>> = {
  V1ObjectMeta: {
    finalizers: { patchStrategy: "merge", listType: "set" },
    ownerReferences: byKey("uid"),
  },
  V1PodSpec: {
    containers: byKey("name"),
    initContainers: byKey("name"),
    ephemeralContainers: byKey("name"),
    volumes: byKey("name", "merge,retainKeys"),
    imagePullSecrets: byKey("name"),
    hostAliases: byKey("ip"),
    topologySpreadConstraints: byKey("topologyKey", "merge", ["topologyKey", "whenUnsatisfiable"]),
    resourceClaims: byKey("name", "merge,retainKeys"),
    schedulingGates: byKey("name"),
    tolerations: ATOMIC,
    readinessGates: ATOMIC,
  },
  V1Container: containerLists,
  V1EphemeralContainer: containerLists,
  V1PodStatus: {
    conditions,
    podIPs: byKey("ip"),
    hostIPs: byKey("ip"),
    containerStatuses: ATOMIC,
    initContainerStatuses: ATOMIC,
    ephemeralContainerStatuses: ATOMIC,
    resourceClaimStatuses: byKey("name", "merge,retainKeys"),
  },
  V1NodeSpec: { podCIDRs: { patchStrategy: "merge", listType: "set" }, taints: ATOMIC },
  V1NodeStatus: { conditions, addresses: byKey("type"), images: ATOMIC, volumesInUse: ATOMIC, volumesAttached: ATOMIC },
  V1NamespaceStatus: { conditions },
  V1ServiceSpec: {
    ports: byKey("port", "merge", ["port", "protocol"]),
    externalIPs: ATOMIC,
    clusterIPs: ATOMIC,
    ipFamilies: ATOMIC,
    loadBalancerSourceRanges: ATOMIC,
  },
  V1ServiceStatus: { conditions },
  V1ServiceAccount: { secrets: byKey("name"), imagePullSecrets: ATOMIC },
  V1DeploymentStatus: { conditions },
  V1ReplicaSetStatus: { conditions },
  V1StatefulSetStatus: { conditions },
  V1DaemonSetStatus: { conditions },
  V1StatefulSetSpec: { volumeClaimTemplates: ATOMIC },
  V1JobStatus: { conditions: { patchStrategy: "merge", patchMergeKey: "type", listType: "atomic" } },
  V1CronJobStatus: { active: ATOMIC },
  V1PersistentVolumeClaimStatus: { conditions },
  V1PodDisruptionBudgetStatus: { conditions },
  V2HorizontalPodAutoscalerStatus: { conditions },
  V1LabelSelector: { matchExpressions: ATOMIC },
  V1LabelSelectorRequirement: { values: ATOMIC },
  V1NodeSelector: { nodeSelectorTerms: ATOMIC },
  V1NodeSelectorTerm: { matchExpressions: ATOMIC, matchFields: ATOMIC },
};

const MODELS = (models as { models: Record<string, { fields: Record<string, { type: string }> }> }).models;
const KINDS = (models as { kinds: Record<string, string> }).kinds;

/** The client-node model of a served kind (`apps/v1`, `Deployment` → `V1Deployment`). */
export function modelOfKind(apiVersion: string, kind: string): string | undefined {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/", 2) : ["", apiVersion];
  return KINDS[`${group}/${version}/${kind}`];
}

/**
 * Patch metadata of the field at `path` in an object of this kind, e.g.
 * (`apps/v1`, `Deployment`, ["spec","template","spec","containers"]) → merge by `name`.
 * Map keys are path segments too (`metadata.labels.app`). Undefined for unknown paths and plain fields.
 */
export function patchStrategyFor(apiVersion: string, kind: string, path: readonly string[]): PatchMeta | undefined {
  let type = modelOfKind(apiVersion, kind);
  let owner: string | undefined;
  let field = "";
  for (const seg of path) {
    if (type === undefined) return undefined;
    while (type.startsWith("[]")) type = type.slice(2);
    if (type.startsWith("{}")) {
      type = type.slice(2);
      owner = undefined;
      continue;
    }
    const fields: Record<string, { type: string }> | undefined = MODELS[type]?.fields;
    if (!fields?.[seg]) return undefined;
    owner = type;
    field = seg;
    type = fields[seg].type;
  }
  return owner ? PATCH_META[owner]?.[field] : undefined;
}
