// Why: the built-in admission plugins Wheelhouse runs (NamespaceLifecycle, ServiceAccount, DefaultTolerationSeconds, Priority), as Kubernetes' do.

import { ApiError, forbidden, notFound } from "../api/errors";
import { RESOURCE_TYPES, type ResourceType } from "../api/resources";
import type { KubeObject, Toleration } from "../api/types";
import type { ObjectClient } from "../store/types";

const NAMESPACE_TYPE = RESOURCE_TYPES.find((t) => t.group === "" && t.kind === "Namespace")!;

/** Namespaces that can never be deleted. */
export const IMMORTAL_NAMESPACES: ReadonlySet<string> = new Set(["default", "kube-system", "kube-public"]);

function qualified(type: ResourceType): string {
  return type.group ? `${type.plural}.${type.group}` : type.plural;
}

function forbiddenFor(type: ResourceType, name: string | undefined, why: string) {
  const subject = name ? `${qualified(type)} "${name}"` : qualified(type);
  return forbidden(`${subject} is forbidden: ${why}`, { ...(type.group ? { group: type.group } : {}), kind: type.plural, name });
}

/**
 * NamespaceLifecycle on create: the namespace must exist (404 `namespaces "x" not found`) and
 * not be terminating (403). `pending` names namespaces about to be created by the same request (apply).
 */
export function admitNamespaceForCreate(store: ObjectClient, type: ResourceType, obj: KubeObject, pending: ReadonlySet<string> = new Set()): void {
  if (!type.namespaced) return;
  const ns = obj.metadata?.namespace;
  if (!ns) return;
  const live = store.get(NAMESPACE_TYPE, undefined, ns);
  if (!live) {
    if (pending.has(ns)) return;
    throw notFound({ kind: "namespaces", name: ns });
  }
  if (live.metadata.deletionTimestamp || live.status?.phase === "Terminating") {
    const e = forbiddenFor(type, obj.metadata?.name || obj.metadata?.generateName, `unable to create new content in namespace ${ns} because it is being terminated`);
    // Controllers look for this cause to stop retrying (NamespaceTerminatingCause).
    const causes = [{ reason: "NamespaceTerminating", message: `namespace ${ns} is being terminated`, field: "metadata.namespace" }];
    throw new ApiError({ ...e.status, details: { ...e.status.details, causes } });
  }
}

/** NamespaceLifecycle on delete: default, kube-system and kube-public may not be deleted. */
export function admitNamespaceDelete(type: ResourceType, name: string): void {
  if (type.group === "" && type.kind === "Namespace" && IMMORTAL_NAMESPACES.has(name)) {
    throw forbiddenFor(type, name, "this namespace may not be deleted");
  }
}

/** The built-in PriorityClasses every cluster has. */
const SYSTEM_PRIORITIES: Record<string, number> = { "system-node-critical": 2000001000, "system-cluster-critical": 2000000000 };

const NOT_READY = "node.kubernetes.io/not-ready";
const UNREACHABLE = "node.kubernetes.io/unreachable";

function tolerates(list: Toleration[], key: string): boolean {
  return list.some((t) => (t.key === key || (!t.key && t.operator === "Exists")) && (!t.effect || t.effect === "NoExecute"));
}

/**
 * Pod admission on create (mutating): ServiceAccount (`serviceAccountName: default`), DefaultTolerationSeconds
 * (tolerate not-ready/unreachable for 300s) and Priority (priority 0, PreemptLowerPriority). Mutates `pod`.
 */
export function admitPodCreate(pod: KubeObject): void {
  const spec = pod.spec;
  if (!spec || typeof spec !== "object") return;
  spec.serviceAccountName ||= spec.serviceAccount || "default";
  spec.serviceAccount = spec.serviceAccountName;
  const tolerations: Toleration[] = (spec.tolerations ??= []);
  for (const key of [NOT_READY, UNREACHABLE]) {
    if (!tolerates(tolerations, key)) tolerations.push({ key, operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 });
  }
  if (spec.priority === undefined) {
    if (!spec.priorityClassName) spec.priority = 0;
    else if (spec.priorityClassName in SYSTEM_PRIORITIES) spec.priority = SYSTEM_PRIORITIES[spec.priorityClassName];
  }
  spec.preemptionPolicy ??= "PreemptLowerPriority";
}
