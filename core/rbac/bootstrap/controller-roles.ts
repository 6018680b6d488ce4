// Why: each controller gets the system:controller:* role Kubernetes gives it; here every controller acts as the one user system:kube-controller-manager, so that user is bound to them too.

import type { ClusterRole, ClusterRoleBinding } from "../types";
import { clusterRole, clusterRoleBinding, EVENTS_RULE, READ, rule, serviceAccount, user } from "./rule-builder";

/** The user every controller of this cluster acts as (core/cluster's CONTROLLER_MANAGER_USER). */
export const KUBE_CONTROLLER_MANAGER_USER = "system:kube-controller-manager";
const PREFIX = "system:controller:";

/** Controller roles by service-account name (buildControllerRoles), for the controllers Wheelhouse runs or plans to. */
const CONTROLLER_RULES: Record<string, ReturnType<typeof rule>[]> = {
  "clusterrole-aggregation-controller": [rule(["escalate", "get", "list", "watch", "update", "patch"], ["rbac.authorization.k8s.io"], ["clusterroles"])],
  "cronjob-controller": [
    rule(["get", "list", "watch", "update"], ["batch"], ["cronjobs"]),
    rule(["get", "list", "watch", "create", "update", "delete", "patch"], ["batch"], ["jobs"]),
    rule(["update"], ["batch"], ["cronjobs/status"]),
    rule(["update"], ["batch"], ["cronjobs/finalizers"]),
    rule(["list", "watch", "delete"], [""], ["pods"]),
    EVENTS_RULE,
  ],
  "daemon-set-controller": [
    rule(READ, ["extensions", "apps"], ["daemonsets"]),
    rule(["update"], ["extensions", "apps"], ["daemonsets/status"]),
    rule(["update"], ["extensions", "apps"], ["daemonsets/finalizers"]),
    rule(["list", "watch"], [""], ["nodes"]),
    rule(["list", "watch", "create", "delete", "patch"], [""], ["pods"]),
    rule(["create"], [""], ["pods/binding"]),
    rule(["get", "list", "watch", "create", "delete", "update", "patch"], ["apps"], ["controllerrevisions"]),
    EVENTS_RULE,
  ],
  "deployment-controller": [
    rule(["get", "list", "watch", "update"], ["extensions", "apps"], ["deployments"]),
    rule(["update"], ["extensions", "apps"], ["deployments/status"]),
    rule(["update"], ["extensions", "apps"], ["deployments/finalizers"]),
    rule(["get", "list", "watch", "create", "update", "patch", "delete"], ["apps", "extensions"], ["replicasets"]),
    rule(["get", "list", "watch", "update"], [""], ["pods"]),
    EVENTS_RULE,
  ],
  "disruption-controller": [
    rule(READ, ["extensions", "apps"], ["deployments"]),
    rule(READ, ["apps", "extensions"], ["replicasets"]),
    rule(READ, [""], ["replicationcontrollers"]),
    rule(READ, ["policy"], ["poddisruptionbudgets"]),
    rule(READ, ["apps"], ["statefulsets"]),
    rule(["update"], ["policy"], ["poddisruptionbudgets/status"]),
    rule(["patch", "update"], [""], ["pods/status"]),
    rule(["get"], ["*"], ["*/scale"]),
    EVENTS_RULE,
  ],
  "endpoint-controller": [
    rule(READ, [""], ["services", "pods"]),
    rule(["get", "list", "watch", "create", "update", "delete"], [""], ["endpoints"]),
    rule(["create"], [""], ["endpoints/restricted"]),
    EVENTS_RULE,
  ],
  "endpointslice-controller": [
    rule(READ, [""], ["services", "pods", "nodes"]),
    rule(["update"], [""], ["services/finalizers"]),
    rule(["get", "list", "watch", "create", "update", "delete"], ["discovery.k8s.io"], ["endpointslices"]),
    EVENTS_RULE,
  ],
  "generic-garbage-collector": [rule(["get", "list", "watch", "patch", "update", "delete"], ["*"], ["*"]), EVENTS_RULE],
  "horizontal-pod-autoscaler": [
    rule(READ, ["autoscaling"], ["horizontalpodautoscalers"]),
    rule(["update"], ["autoscaling"], ["horizontalpodautoscalers/status"]),
    rule(["get", "update"], ["*"], ["*/scale"]),
    rule(["list", "watch"], [""], ["pods"]),
    rule(["list", "watch"], ["metrics.k8s.io"], ["pods"]),
    rule(READ, ["custom.metrics.k8s.io"], ["*"]),
    rule(READ, ["external.metrics.k8s.io"], ["*"]),
    EVENTS_RULE,
  ],
  "job-controller": [
    rule(["get", "list", "watch", "update", "patch"], ["batch"], ["jobs"]),
    rule(["update"], ["batch"], ["jobs/status"]),
    rule(["update"], ["batch"], ["jobs/finalizers"]),
    rule(["list", "watch", "create", "delete", "patch"], [""], ["pods"]),
    EVENTS_RULE,
  ],
  "namespace-controller": [
    rule(["get", "list", "watch", "delete"], [""], ["namespaces"]),
    rule(["update"], [""], ["namespaces/finalize", "namespaces/status"]),
    rule(["get", "list", "watch", "delete", "deletecollection"], ["*"], ["*"]),
  ],
  "node-controller": [
    rule(["get", "list", "watch", "update", "delete", "patch"], [""], ["nodes"]),
    rule(["patch", "update"], [""], ["nodes/status"]),
    rule(["patch", "update"], [""], ["pods/status"]),
    rule(["list", "watch", "get", "delete"], [""], ["pods"]),
    EVENTS_RULE,
  ],
  "persistent-volume-binder": [
    rule(["get", "list", "watch", "update", "create", "delete"], [""], ["persistentvolumes"]),
    rule(["update"], [""], ["persistentvolumes/status"]),
    rule(["get", "list", "watch", "update"], [""], ["persistentvolumeclaims"]),
    rule(["update"], [""], ["persistentvolumeclaims/status"]),
    rule(["list", "watch", "get", "create", "delete"], [""], ["pods"]),
    rule(READ, ["storage.k8s.io"], ["storageclasses"]),
    rule(["list", "watch"], [""], ["nodes"]),
    EVENTS_RULE,
    rule(["watch"], [""], ["events"]),
    rule(["get"], [""], ["services"]),
  ],
  "pod-garbage-collector": [rule(["list", "watch", "delete"], [""], ["pods"]), rule(READ, [""], ["nodes"]), rule(["patch"], [""], ["pods/status"])],
  "pv-protection-controller": [rule(["get", "list", "watch", "update"], [""], ["persistentvolumes"]), EVENTS_RULE],
  "pvc-protection-controller": [rule(["get", "list", "watch", "update"], [""], ["persistentvolumeclaims"]), rule(["list", "watch", "get"], [""], ["pods"]), EVENTS_RULE],
  "replicaset-controller": [
    rule(["get", "list", "watch", "update"], ["apps", "extensions"], ["replicasets"]),
    rule(["update"], ["apps", "extensions"], ["replicasets/status"]),
    rule(["update"], ["apps", "extensions"], ["replicasets/finalizers"]),
    rule(["list", "watch", "patch", "create", "delete"], [""], ["pods"]),
    EVENTS_RULE,
  ],
  "resourcequota-controller": [rule(["list", "watch"], ["*"], ["*"]), rule(["update"], [""], ["resourcequotas/status"]), EVENTS_RULE],
  "service-account-controller": [rule(["create"], [""], ["serviceaccounts"]), EVENTS_RULE],
  "service-controller": [rule(READ, [""], ["services"]), rule(["patch", "update"], [""], ["services/status"]), rule(["list", "watch"], [""], ["nodes"]), EVENTS_RULE],
  "statefulset-controller": [
    rule(["list", "watch"], [""], ["pods"]),
    rule(READ, ["apps"], ["statefulsets"]),
    rule(["update"], ["apps"], ["statefulsets/status"]),
    rule(["update"], ["apps"], ["statefulsets/finalizers"]),
    rule(["get", "create", "delete", "update", "patch"], [""], ["pods"]),
    rule(["get", "create", "delete", "update", "patch", "list", "watch"], ["apps"], ["controllerrevisions"]),
    rule(["get", "create", "list", "watch"], [""], ["persistentvolumeclaims"]),
    rule(["update", "delete"], [""], ["persistentvolumeclaims"]),
    rule(["update"], [""], ["pods/finalizers"]),
    EVENTS_RULE,
  ],
  "ttl-after-finished-controller": [rule(["get", "list", "watch", "delete"], ["batch"], ["jobs"]), EVENTS_RULE],
  "ttl-controller": [rule(["update", "patch", "list", "watch"], [""], ["nodes"]), EVENTS_RULE],
};

/** The controllers' ClusterRoles (`system:controller:<name>`), by name. */
export function controllerClusterRoles(): ClusterRole[] {
  return Object.entries(CONTROLLER_RULES).map(([name, rules]) => clusterRole(PREFIX + name, structuredClone(rules)));
}

/**
 * A binding per controller role: to the service account `kube-system/<name>` (as Kubernetes
 * binds it) and to the user system:kube-controller-manager, which every controller here acts as.
 */
export function controllerClusterRoleBindings(): ClusterRoleBinding[] {
  return Object.keys(CONTROLLER_RULES).map((name) => clusterRoleBinding(PREFIX + name, [serviceAccount("kube-system", name), user(KUBE_CONTROLLER_MANAGER_USER)]));
}
