// Why: RBAC tests build many roles and bindings; short builders keep the cases readable.

import { FakeClock } from "../../clock/fake-clock";
import { MemoryStore } from "../../store/memory-store";
import { RBAC_API_VERSION, RBAC_GROUP, type ClusterRole, type ClusterRoleBinding, type PolicyRule, type Role, type RoleBinding, type Subject } from "../types";

/** A Role in `namespace`. */
export function makeRole(namespace: string, name: string, rules: PolicyRule[]): Role {
  return { apiVersion: RBAC_API_VERSION, kind: "Role", metadata: { name, namespace }, rules };
}

/** A ClusterRole, with labels when given. */
export function makeClusterRole(name: string, rules: PolicyRule[], labels?: Record<string, string>): ClusterRole {
  return { apiVersion: RBAC_API_VERSION, kind: "ClusterRole", metadata: { name, ...(labels ? { labels } : {}) }, rules };
}

/** A RoleBinding in `namespace` of `roleKind` `roleName` to `subjects`. */
export function makeRoleBinding(namespace: string, name: string, roleKind: "Role" | "ClusterRole", roleName: string, subjects: Subject[]): RoleBinding {
  return { apiVersion: RBAC_API_VERSION, kind: "RoleBinding", metadata: { name, namespace }, roleRef: { apiGroup: RBAC_GROUP, kind: roleKind, name: roleName }, subjects };
}

/** A ClusterRoleBinding of ClusterRole `roleName` to `subjects`. */
export function makeClusterRoleBinding(name: string, roleName: string, subjects: Subject[]): ClusterRoleBinding {
  return { apiVersion: RBAC_API_VERSION, kind: "ClusterRoleBinding", metadata: { name }, roleRef: { apiGroup: RBAC_GROUP, kind: "ClusterRole", name: roleName }, subjects };
}

export const userSubject = (name: string): Subject => ({ apiGroup: RBAC_GROUP, kind: "User", name });
export const groupSubject = (name: string): Subject => ({ apiGroup: RBAC_GROUP, kind: "Group", name });
export const saSubject = (name: string, namespace?: string): Subject => ({ kind: "ServiceAccount", name, ...(namespace ? { namespace } : {}) });

/** A MemoryStore on a FakeClock with the given namespaces. */
export async function storeWithNamespaces(...namespaces: string[]): Promise<{ clock: FakeClock; store: MemoryStore }> {
  const clock = new FakeClock();
  const store = new MemoryStore({ clock });
  for (const name of namespaces) await store.create({ apiVersion: "v1", kind: "Namespace", metadata: { name } });
  return { clock, store };
}
