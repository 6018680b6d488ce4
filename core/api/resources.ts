// Why: the one table of kinds Wheelhouse serves: group, version, plural, scope and short names, shared by store, REST, GraphQL and console.

/** A served resource type, like an entry of `kubectl api-resources`. */
export interface ResourceType {
  group: string; // "" for the core group
  version: string;
  kind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  /** True when the kind has a `status` subresource (its status is written apart from the rest). */
  hasStatus: boolean;
  /**
   * True when the apiserver keeps metadata.generation for the kind: 1 on create, bumped when the
   * spec changes. Kubernetes' strategies do this for workloads (Deployment, ReplicaSet, ...), not for
   * Namespaces, Nodes, Services, Pods (before 1.33's PodObservedGenerationTracking), ConfigMaps,
   * Secrets, RBAC objects and the like, which never carry a generation.
   */
  tracksGeneration: boolean;
}

const r = (
  group: string,
  version: string,
  kind: string,
  plural: string,
  namespaced: boolean,
  shortNames: string[] = [],
  categories: string[] = [],
  hasStatus = false,
  tracksGeneration = false,
): ResourceType => ({ group, version, kind, plural, singular: kind.toLowerCase(), namespaced, shortNames, categories, hasStatus, tracksGeneration });

/** Every kind the cluster stores. Order is the order of discovery documents. */
export const RESOURCE_TYPES: readonly ResourceType[] = [
  r("", "v1", "Namespace", "namespaces", false, ["ns"], [], true),
  r("", "v1", "Node", "nodes", false, ["no"], [], true),
  r("", "v1", "Pod", "pods", true, ["po"], ["all"], true),
  r("", "v1", "Service", "services", true, ["svc"], ["all"], true),
  r("", "v1", "Endpoints", "endpoints", true, ["ep"]),
  r("", "v1", "ConfigMap", "configmaps", true, ["cm"]),
  r("", "v1", "Secret", "secrets", true),
  r("", "v1", "ServiceAccount", "serviceaccounts", true, ["sa"]),
  r("", "v1", "Event", "events", true, ["ev"]),
  r("apps", "v1", "Deployment", "deployments", true, ["deploy"], ["all"], true, true),
  r("apps", "v1", "ReplicaSet", "replicasets", true, ["rs"], ["all"], true, true),
  r("coordination.k8s.io", "v1", "Lease", "leases", true),
  r("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false),
  r("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false),
  r("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true),
  r("rbac.authorization.k8s.io", "v1", "Role", "roles", true),
];

const byGroupKind = new Map(RESOURCE_TYPES.map((t) => [`${t.group}/${t.kind}`, t]));
const byGroupPlural = new Map(RESOURCE_TYPES.map((t) => [`${t.group}/${t.plural}`, t]));

/** `apps/v1` → "apps", `v1` → "". */
export function groupOf(apiVersion: string): string {
  const i = apiVersion.indexOf("/");
  return i < 0 ? "" : apiVersion.slice(0, i);
}

export function apiVersionOf(t: ResourceType): string {
  return t.group ? `${t.group}/${t.version}` : t.version;
}

/** The type of an object from its apiVersion and kind, or undefined when not served. */
export function resourceTypeFor(apiVersion: string, kind: string): ResourceType | undefined {
  const t = byGroupKind.get(`${groupOf(apiVersion)}/${kind}`);
  return t && apiVersionOf(t) === apiVersion ? t : undefined;
}

/** The type by group and kind (any served version). */
export function resourceTypeByKind(group: string, kind: string): ResourceType | undefined {
  return byGroupKind.get(`${group}/${kind}`);
}

/** The type by group and plural resource name (`apps`, `deployments`). */
export function resourceTypeByPlural(group: string, plural: string): ResourceType | undefined {
  return byGroupPlural.get(`${group}/${plural}`);
}

/** The name Kubernetes uses in messages: `deployments.apps`, `pods`. */
export function qualifiedResource(t: ResourceType): string {
  return t.group ? `${t.plural}.${t.group}` : t.plural;
}

/** The verbs Kubernetes lists for a collection resource in discovery. */
const ALL_VERBS = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"] as const;

/** Verbs of a resource as discovery lists them (namespaces have no deletecollection, as in Kubernetes). */
export function verbsOf(t: ResourceType): string[] {
  return t.group === "" && t.plural === "namespaces" ? ALL_VERBS.filter((v) => v !== "deletecollection") : [...ALL_VERBS];
}

/** A subresource served under a resource (`pods/log`, `deployments/scale`), with the kind its responses carry. */
export interface SubresourceType {
  /** `status`, `scale`, `log`, `binding`, `eviction`, `token`. */
  name: string;
  responseKind: { group: string; version: string; kind: string };
  verbs: string[];
}

const SCALE_KIND = { group: "autoscaling", version: "v1", kind: "Scale" };
const EXTRA_SUBRESOURCES: Record<string, SubresourceType[]> = {
  "/pods": [
    { name: "binding", responseKind: { group: "", version: "v1", kind: "Binding" }, verbs: ["create"] },
    { name: "eviction", responseKind: { group: "policy", version: "v1", kind: "Eviction" }, verbs: ["create"] },
    { name: "log", responseKind: { group: "", version: "v1", kind: "Pod" }, verbs: ["get"] },
  ],
  "/serviceaccounts": [{ name: "token", responseKind: { group: "authentication.k8s.io", version: "v1", kind: "TokenRequest" }, verbs: ["create"] }],
  "apps/deployments": [{ name: "scale", responseKind: SCALE_KIND, verbs: ["get", "patch", "update"] }],
  "apps/replicasets": [{ name: "scale", responseKind: SCALE_KIND, verbs: ["get", "patch", "update"] }],
  "apps/statefulsets": [{ name: "scale", responseKind: SCALE_KIND, verbs: ["get", "patch", "update"] }],
};

/** The subresources served for a resource, sorted by name: `status` for kinds with a status, plus scale/log/binding/eviction/token where Kubernetes has them. */
export function subresourcesOf(t: ResourceType): SubresourceType[] {
  const out = [...(EXTRA_SUBRESOURCES[`${t.group}/${t.plural}`] ?? [])];
  if (t.hasStatus) out.push({ name: "status", responseKind: { group: t.group, version: t.version, kind: t.kind }, verbs: ["get", "patch", "update"] });
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
