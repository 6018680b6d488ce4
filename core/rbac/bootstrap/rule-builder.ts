// Why: the bootstrap policy is long lists of rules; a tiny builder keeps them readable as Kubernetes' NewRule(...).Groups(...).Resources(...) does.

import { RBAC_API_VERSION, type ClusterRole, type ClusterRoleBinding, type PolicyRule, type Subject } from "../types";

/** Annotation that lets the apiserver reconcile a default object at start ("false" opts out). */
export const AUTOUPDATE_ANNOTATION = "rbac.authorization.kubernetes.io/autoupdate";
/** Label every default object carries. */
export const BOOTSTRAPPING_LABEL = "kubernetes.io/bootstrapping";
export const BOOTSTRAPPING_VALUE = "rbac-defaults";

/** A resource rule: verbs on resources of groups, optionally only the named objects. */
export function rule(verbs: string[], groups: string[], resources: string[], names?: string[]): PolicyRule {
  return { verbs, apiGroups: groups, resources, ...(names?.length ? { resourceNames: names } : {}) };
}

/** A non-resource rule: verbs on URL paths (`/healthz`, `/api/*`). */
export function urlRule(verbs: string[], urls: string[]): PolicyRule {
  return { verbs, nonResourceURLs: urls };
}

/** The verbs of reading (view). */
export const READ = ["get", "list", "watch"];
/** The verbs of writing (edit), without get/list/watch. */
export const WRITE = ["create", "delete", "deletecollection", "patch", "update"];
/** Events are written by every component (eventsRule). */
export const EVENTS_RULE = rule(["create", "update", "patch"], ["", "events.k8s.io"], ["events"]);

/** A default ClusterRole with the bootstrap label and autoupdate annotation; `labels` add to them (aggregate-to-*). */
export function clusterRole(name: string, rules: PolicyRule[], labels: Record<string, string> = {}, aggregateFrom?: string): ClusterRole {
  return {
    apiVersion: RBAC_API_VERSION,
    kind: "ClusterRole",
    metadata: { name, labels: { [BOOTSTRAPPING_LABEL]: BOOTSTRAPPING_VALUE, ...labels }, annotations: { [AUTOUPDATE_ANNOTATION]: "true" } },
    ...(aggregateFrom ? { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [aggregateFrom]: "true" } }] } } : {}),
    rules,
  };
}

/** A default ClusterRoleBinding of ClusterRole `role` (default: same name) to `subjects`. */
export function clusterRoleBinding(name: string, subjects: Subject[], role = name): ClusterRoleBinding {
  return {
    apiVersion: RBAC_API_VERSION,
    kind: "ClusterRoleBinding",
    metadata: { name, labels: { [BOOTSTRAPPING_LABEL]: BOOTSTRAPPING_VALUE }, annotations: { [AUTOUPDATE_ANNOTATION]: "true" } },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: role },
    ...(subjects.length ? { subjects } : {}),
  };
}

export const user = (name: string): Subject => ({ apiGroup: "rbac.authorization.k8s.io", kind: "User", name });
export const group = (name: string): Subject => ({ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name });
export const serviceAccount = (namespace: string, name: string): Subject => ({ kind: "ServiceAccount", name, namespace });
