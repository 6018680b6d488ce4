// Why: one list of the default RBAC objects a cluster starts with, so the start-up reconciler, tests and the console see the same policy.

import type { ClusterRole, ClusterRoleBinding } from "../types";
import { SYSTEM_AUTHENTICATED, SYSTEM_MASTERS, SYSTEM_UNAUTHENTICATED } from "../types";
import { defaultClusterRoles } from "./cluster-roles";
import { controllerClusterRoleBindings, controllerClusterRoles, KUBE_CONTROLLER_MANAGER_USER } from "./controller-roles";
import { clusterRoleBinding, group, serviceAccount, user } from "./rule-builder";

/** Every default ClusterRole: the user-facing and component roles, then the controllers'. */
export function bootstrapClusterRoles(): ClusterRole[] {
  return [...defaultClusterRoles(), ...controllerClusterRoles()];
}

/** Every default ClusterRoleBinding (ClusterRoleBindings() of the bootstrap policy, plus the controllers'). */
export function bootstrapClusterRoleBindings(): ClusterRoleBinding[] {
  return [
    clusterRoleBinding("cluster-admin", [group(SYSTEM_MASTERS)]),
    clusterRoleBinding("system:monitoring", [group("system:monitoring")]),
    clusterRoleBinding("system:discovery", [group(SYSTEM_AUTHENTICATED)]),
    clusterRoleBinding("system:basic-user", [group(SYSTEM_AUTHENTICATED)]),
    clusterRoleBinding("system:public-info-viewer", [group(SYSTEM_AUTHENTICATED), group(SYSTEM_UNAUTHENTICATED)]),
    clusterRoleBinding("system:service-account-issuer-discovery", [group("system:serviceaccounts")]),
    clusterRoleBinding("system:kube-controller-manager", [user(KUBE_CONTROLLER_MANAGER_USER)]),
    clusterRoleBinding("system:kube-scheduler", [user("system:kube-scheduler")]),
    clusterRoleBinding("system:volume-scheduler", [user("system:kube-scheduler")]),
    clusterRoleBinding("system:node-proxier", [user("system:kube-proxy")]),
    clusterRoleBinding("system:kube-dns", [serviceAccount("kube-system", "kube-dns")]),
    // Kubernetes keeps this binding with no subjects: nodes are authorized by the Node authorizer.
    clusterRoleBinding("system:node", []),
    ...controllerClusterRoleBindings(),
  ];
}
