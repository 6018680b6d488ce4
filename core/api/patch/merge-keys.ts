// Why: strategic merge patch and server-side apply must merge lists the way Kubernetes' struct tags say (patchMergeKey, patchStrategy, listMapKeys); core/ keeps its own table.

import schema from "../schema/kinds.json";

const TYPES = (schema as { types: Record<string, Record<string, string>> }).types;
const KINDS = (schema as { kinds: Record<string, string> }).kinds;

/** How one list (or struct) field merges: Kubernetes' `patchStrategy`/`patchMergeKey` and `listType`/`listMapKeys` tags. */
export interface FieldStrategy {
  /** `patchMergeKey` for strategic merge patch (lists of maps merged element by element). */
  mergeKey?: string;
  /** `listMapKeys` for server-side apply (`k:{...}` entries); defaults to `[mergeKey]`. */
  listMapKeys?: string[];
  /** A list of scalars merged as a set (`patchStrategy:"merge"` on `[]string`, `listType=set`). */
  set?: boolean;
  /** `patchStrategy:"retainKeys"`: a patch of this struct (or of each list element) clears the union fields it does not name. */
  retainKeys?: boolean;
}

const CONDITIONS: FieldStrategy = { mergeKey: "type" };
const CONTAINER_FIELDS: Record<string, FieldStrategy> = {
  ports: { mergeKey: "containerPort", listMapKeys: ["containerPort", "protocol"] },
  env: { mergeKey: "name" },
  volumeMounts: { mergeKey: "mountPath" },
  volumeDevices: { mergeKey: "devicePath" },
};
const POD_SPEC_FIELDS: Record<string, FieldStrategy> = {
  volumes: { mergeKey: "name", retainKeys: true },
  initContainers: { mergeKey: "name" },
  containers: { mergeKey: "name" },
  ephemeralContainers: { mergeKey: "name" },
  imagePullSecrets: { mergeKey: "name" },
  hostAliases: { mergeKey: "ip" },
  topologySpreadConstraints: { mergeKey: "topologyKey", listMapKeys: ["topologyKey", "whenUnsatisfiable"] },
  schedulingGates: { mergeKey: "name" },
  resourceClaims: { mergeKey: "name", retainKeys: true },
};

/**
 * The table, keyed by client-node model name then JSON field name. Fields not listed are
 * atomic lists (replaced whole, as `tolerations`, `envFrom`, `args` are) or plain structs.
 */
export const MERGE_STRATEGIES: Record<string, Record<string, FieldStrategy>> = {
  V1ObjectMeta: { finalizers: { set: true }, ownerReferences: { mergeKey: "uid" } },
  V1PodSpec: POD_SPEC_FIELDS,
  V1Container: CONTAINER_FIELDS,
  V1EphemeralContainer: CONTAINER_FIELDS,
  V1PodStatus: {
    conditions: CONDITIONS,
    podIPs: { mergeKey: "ip" },
    hostIPs: { mergeKey: "ip" },
    resourceClaimStatuses: { mergeKey: "name", retainKeys: true },
  },
  V1ServiceSpec: { ports: { mergeKey: "port", listMapKeys: ["port", "protocol"] } },
  V1ServiceStatus: { conditions: CONDITIONS },
  V1NodeSpec: { podCIDRs: { set: true } },
  V1NodeStatus: { conditions: CONDITIONS, addresses: { mergeKey: "type" } },
  V1NamespaceStatus: { conditions: CONDITIONS },
  V1DeploymentSpec: { strategy: { retainKeys: true } },
  V1DeploymentStatus: { conditions: CONDITIONS },
  V1ReplicaSetStatus: { conditions: CONDITIONS },
  V1StatefulSetStatus: { conditions: CONDITIONS },
  V1DaemonSetStatus: { conditions: CONDITIONS },
  V1JobStatus: { conditions: CONDITIONS },
  V1PersistentVolumeClaimStatus: { conditions: CONDITIONS },
  V2HorizontalPodAutoscalerStatus: { conditions: CONDITIONS },
  V1PodDisruptionBudgetStatus: { conditions: CONDITIONS },
};

/** The client-node model name for an apiVersion/kind (`apps/v1`, `Deployment` → `V1Deployment`), if the schema knows it. */
export function modelForKind(apiVersion: string, kind: string): string | undefined {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/", 2) : ["", apiVersion];
  return KINDS[`${group}/${version}/${kind}`];
}

/** The schema type of `field` in `model`: a model name, `[]Model`, `{}string`, or a scalar name. */
export function fieldType(model: string | undefined, field: string): string | undefined {
  if (!model) return undefined;
  return TYPES[model]?.[field];
}

/** True when `type` names a struct model the schema describes. */
export function isModel(type: string | undefined): type is string {
  return type !== undefined && TYPES[type] !== undefined;
}

/** The merge strategy of `field` in `model` ({} when atomic or unknown). */
export function strategyOf(model: string | undefined, field: string): FieldStrategy {
  if (!model) return {};
  return MERGE_STRATEGIES[model]?.[field] ?? {};
}

/** The schema type of the elements of a `[]X` or `{}X` type, or of the struct itself. */
export function elementType(type: string | undefined): string | undefined {
  if (!type) return undefined;
  if (type.startsWith("[]") || type.startsWith("{}")) return type.slice(2);
  return type;
}

/** The keys server-side apply uses for an associative list (`k:{...}`), or undefined for atomic lists. */
export function listMapKeysOf(s: FieldStrategy): string[] | undefined {
  if (s.listMapKeys) return s.listMapKeys;
  return s.mergeKey ? [s.mergeKey] : undefined;
}
