// Why: the ClusterRoles every Kubernetes cluster starts with (cluster-admin, admin/edit/view by aggregation, discovery, basic-user, the components' roles), as the bootstrap policy defines them.

import type { ClusterRole } from "../types";
import { clusterRole, EVENTS_RULE, READ, rule, urlRule, WRITE } from "./rule-builder";

const AGGREGATE_TO_ADMIN = "rbac.authorization.k8s.io/aggregate-to-admin";
const AGGREGATE_TO_EDIT = "rbac.authorization.k8s.io/aggregate-to-edit";
const AGGREGATE_TO_VIEW = "rbac.authorization.k8s.io/aggregate-to-view";

/** What the aggregated `view` role gathers: read access to namespaced workloads, never Secrets. */
function aggregateToViewRules() {
  return [
    rule(READ, [""], ["configmaps", "endpoints", "persistentvolumeclaims", "persistentvolumeclaims/status", "pods", "replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services", "services/status"]),
    rule(READ, [""], ["bindings", "events", "limitranges", "namespaces/status", "pods/log", "pods/status", "replicationcontrollers/status", "resourcequotas", "resourcequotas/status"]),
    rule(READ, [""], ["namespaces"]),
    rule(READ, ["discovery.k8s.io"], ["endpointslices"]),
    rule(READ, ["apps"], ["controllerrevisions", "daemonsets", "daemonsets/status", "deployments", "deployments/scale", "deployments/status", "replicasets", "replicasets/scale", "replicasets/status", "statefulsets", "statefulsets/scale", "statefulsets/status"]),
    rule(READ, ["autoscaling"], ["horizontalpodautoscalers", "horizontalpodautoscalers/status"]),
    rule(READ, ["batch"], ["cronjobs", "cronjobs/status", "jobs", "jobs/status"]),
    rule(READ, ["extensions"], ["daemonsets", "daemonsets/status", "deployments", "deployments/scale", "deployments/status", "ingresses", "ingresses/status", "networkpolicies", "replicasets", "replicasets/scale", "replicasets/status", "replicationcontrollers/scale"]),
    rule(READ, ["policy"], ["poddisruptionbudgets", "poddisruptionbudgets/status"]),
    rule(READ, ["networking.k8s.io"], ["ingresses", "ingresses/status", "networkpolicies"]),
  ];
}

/** What `edit` gathers on top of view: writing workloads, reading and writing Secrets, impersonating service accounts. */
function aggregateToEditRules() {
  return [
    rule(READ, [""], ["pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "secrets", "services/proxy"]),
    rule(["impersonate"], [""], ["serviceaccounts"]),
    rule(WRITE, [""], ["pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy"]),
    rule(["create"], [""], ["pods/eviction"]),
    rule(WRITE, [""], ["configmaps", "events", "persistentvolumeclaims", "replicationcontrollers", "replicationcontrollers/scale", "secrets", "serviceaccounts", "services", "services/proxy"]),
    rule(["create"], [""], ["serviceaccounts/token"]),
    rule(WRITE, ["apps"], ["daemonsets", "deployments", "deployments/rollback", "deployments/scale", "replicasets", "replicasets/scale", "statefulsets", "statefulsets/scale"]),
    rule(WRITE, ["autoscaling"], ["horizontalpodautoscalers"]),
    rule(WRITE, ["batch"], ["cronjobs", "jobs"]),
    rule(WRITE, ["extensions"], ["daemonsets", "deployments", "deployments/rollback", "deployments/scale", "ingresses", "networkpolicies", "replicasets", "replicasets/scale", "replicationcontrollers/scale"]),
    rule(WRITE, ["policy"], ["poddisruptionbudgets"]),
    rule(WRITE, ["networking.k8s.io"], ["ingresses", "networkpolicies"]),
    rule([...READ, ...WRITE].sort(), ["coordination.k8s.io"], ["leases"]),
  ];
}

/** What `admin` gathers on top of edit: roles and bindings in the namespace, local access reviews. */
function aggregateToAdminRules() {
  return [
    rule(["create"], ["authorization.k8s.io"], ["localsubjectaccessreviews"]),
    rule([...READ, ...WRITE].sort(), ["rbac.authorization.k8s.io"], ["rolebindings", "roles"]),
  ];
}

/** The kube-controller-manager's own role; the controllers' roles are in controller-roles.ts. */
function kubeControllerManagerRules() {
  return [
    rule(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
    rule(["create"], ["coordination.k8s.io"], ["leases"]),
    rule(["get", "update"], ["coordination.k8s.io"], ["leases"], ["kube-controller-manager"]),
    rule(["create"], [""], ["secrets", "serviceaccounts"]),
    rule(["delete"], [""], ["secrets"]),
    rule(["get"], [""], ["configmaps", "namespaces", "secrets", "serviceaccounts"]),
    rule(["update"], [""], ["secrets", "serviceaccounts"]),
    rule(["create"], ["authentication.k8s.io"], ["tokenreviews"]),
    rule(["create"], ["authorization.k8s.io"], ["subjectaccessreviews"]),
    rule(["list", "watch"], ["*"], ["*"]),
    rule(["create"], [""], ["serviceaccounts/token"]),
  ];
}

function kubeSchedulerRules() {
  return [
    EVENTS_RULE,
    rule(["create"], ["coordination.k8s.io"], ["leases"]),
    rule(["get", "update"], ["coordination.k8s.io"], ["leases"], ["kube-scheduler"]),
    rule(READ, [""], ["nodes"]),
    rule(["delete", ...READ], [""], ["pods"]),
    rule(["create"], [""], ["bindings", "pods/binding"]),
    rule(["patch", "update"], [""], ["pods/status"]),
    rule(READ, [""], ["replicationcontrollers", "services"]),
    rule(READ, ["apps", "extensions"], ["replicasets"]),
    rule(READ, ["apps"], ["statefulsets"]),
    rule(READ, ["policy"], ["poddisruptionbudgets"]),
    rule(READ, [""], ["persistentvolumeclaims", "persistentvolumes"]),
    rule(["create"], ["authentication.k8s.io"], ["tokenreviews"]),
    rule(["create"], ["authorization.k8s.io"], ["subjectaccessreviews"]),
    rule(READ, ["storage.k8s.io"], ["csinodes"]),
    rule(READ, [""], ["namespaces"]),
    rule(READ, ["storage.k8s.io"], ["csidrivers"]),
    rule(READ, ["storage.k8s.io"], ["csistoragecapacities"]),
  ];
}

/** What a kubelet may do (bound to no one by default: the Node authorizer's job in Kubernetes). */
function nodeRules() {
  return [
    rule(["create"], ["authentication.k8s.io"], ["tokenreviews"]),
    rule(["create"], ["authorization.k8s.io"], ["localsubjectaccessreviews", "subjectaccessreviews"]),
    rule(READ, [""], ["services"]),
    rule(["create", ...READ], [""], ["nodes"]),
    rule(["patch", "update"], [""], ["nodes/status"]),
    rule(["patch", "update"], [""], ["nodes"]),
    rule(["create", "patch", "update"], [""], ["events"]),
    rule(READ, [""], ["pods"]),
    rule(["create", "delete"], [""], ["pods"]),
    rule(["patch", "update"], [""], ["pods/status"]),
    rule(["create"], [""], ["pods/eviction"]),
    rule(READ, [""], ["configmaps", "secrets"]),
    rule(["get"], [""], ["persistentvolumeclaims", "persistentvolumes"]),
    rule(["get"], [""], ["endpoints"]),
    rule(["create", ...READ], ["certificates.k8s.io"], ["certificatesigningrequests"]),
    rule(["create", "delete", "get", "patch", "update"], ["coordination.k8s.io"], ["leases"]),
    rule(["get"], ["storage.k8s.io"], ["volumeattachments"]),
    rule(["create"], [""], ["serviceaccounts/token"]),
    rule(["get", "patch", "update"], [""], ["persistentvolumeclaims/status"]),
    rule(READ, ["storage.k8s.io"], ["csidrivers"]),
    rule(["create", "delete", "get", "patch", "update"], ["storage.k8s.io"], ["csinodes"]),
    rule(READ, ["node.k8s.io"], ["runtimeclasses"]),
  ];
}

/** Roles of the other components (kube-proxy, kube-dns, volume scheduling and provisioning, node tooling), as the bootstrap policy has them. */
function componentRoles(): ClusterRole[] {
  return [
    clusterRole("system:heapster", [rule(READ, [""], ["events", "namespaces", "nodes", "pods"]), rule(READ, ["extensions"], ["deployments"])]),
    clusterRole("system:kube-aggregator", [rule(READ, [""], ["endpoints", "services"])]),
    clusterRole("system:kube-dns", [rule(["list", "watch"], [""], ["endpoints", "services"])]),
    clusterRole("system:kubelet-api-admin", [rule(READ, [""], ["nodes"]), rule(["proxy"], [""], ["nodes"]), rule(["*"], [""], ["nodes/log", "nodes/metrics", "nodes/proxy", "nodes/stats"])]),
    clusterRole("system:node", nodeRules()),
    clusterRole("system:node-bootstrapper", [rule(["create", ...READ], ["certificates.k8s.io"], ["certificatesigningrequests"])]),
    clusterRole("system:node-problem-detector", [rule(["get"], [""], ["nodes"]), rule(["patch"], [""], ["nodes/status"]), EVENTS_RULE]),
    clusterRole("system:node-proxier", [rule(["list", "watch"], [""], ["endpoints", "services"]), rule(READ, [""], ["nodes"]), EVENTS_RULE, rule(["list", "watch"], ["discovery.k8s.io"], ["endpointslices"])]),
    clusterRole("system:persistent-volume-provisioner", [
      rule(["create", "delete", ...READ], [""], ["persistentvolumes"]),
      rule(["get", "list", "update", "watch"], [""], ["persistentvolumeclaims"]),
      rule(READ, ["storage.k8s.io"], ["storageclasses"]),
      rule(["watch"], [""], ["events"]),
      EVENTS_RULE,
    ]),
    clusterRole("system:volume-scheduler", [
      rule(["get", "list", "patch", "update", "watch"], [""], ["persistentvolumes"]),
      rule(READ, ["storage.k8s.io"], ["storageclasses"]),
      rule(["get", "list", "patch", "update", "watch"], [""], ["persistentvolumeclaims"]),
    ]),
  ];
}

/** The default ClusterRoles other than the controllers' (ClusterRoles() of the bootstrap policy), by name. */
export function defaultClusterRoles(): ClusterRole[] {
  return [
    clusterRole("cluster-admin", [rule(["*"], ["*"], ["*"]), urlRule(["*"], ["*"])]),
    clusterRole("admin", [], {}, AGGREGATE_TO_ADMIN),
    clusterRole("edit", [], { [AGGREGATE_TO_ADMIN]: "true" }, AGGREGATE_TO_EDIT),
    clusterRole("view", [], { [AGGREGATE_TO_EDIT]: "true" }, AGGREGATE_TO_VIEW),
    clusterRole("system:aggregate-to-admin", aggregateToAdminRules(), { [AGGREGATE_TO_ADMIN]: "true" }),
    clusterRole("system:aggregate-to-edit", aggregateToEditRules(), { [AGGREGATE_TO_EDIT]: "true" }),
    clusterRole("system:aggregate-to-view", aggregateToViewRules(), { [AGGREGATE_TO_VIEW]: "true" }),
    clusterRole("system:auth-delegator", [rule(["create"], ["authentication.k8s.io"], ["tokenreviews"]), rule(["create"], ["authorization.k8s.io"], ["subjectaccessreviews"])]),
    clusterRole("system:basic-user", [rule(["create"], ["authorization.k8s.io"], ["selfsubjectaccessreviews", "selfsubjectrulesreviews"]), rule(["create"], ["authentication.k8s.io"], ["selfsubjectreviews"])]),
    clusterRole("system:discovery", [urlRule(["get"], ["/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz", "/version", "/version/"])]),
    clusterRole("system:public-info-viewer", [urlRule(["get"], ["/healthz", "/livez", "/readyz", "/version", "/version/"])]),
    clusterRole("system:monitoring", [urlRule(["get"], ["/healthz", "/healthz/*", "/livez", "/livez/*", "/metrics", "/metrics/slis", "/readyz", "/readyz/*"])]),
    clusterRole("system:service-account-issuer-discovery", [urlRule(["get"], ["/.well-known/openid-configuration", "/openid/v1/jwks"])]),
    clusterRole("system:kube-controller-manager", kubeControllerManagerRules()),
    clusterRole("system:kube-scheduler", kubeSchedulerRules()),
    ...componentRoles(),
  ];
}
