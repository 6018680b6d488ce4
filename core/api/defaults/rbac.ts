// Why: Kubernetes fills a binding's roleRef.apiGroup and its User/Group subjects' apiGroup when omitted (SetDefaults_RoleBinding, SetDefaults_Subject), so hand-written bindings validate.

/* eslint-disable @typescript-eslint/no-explicit-any -- objects arrive as decoded JSON */
type Json = any;

const RBAC_GROUP = "rbac.authorization.k8s.io";

/** Defaults of RoleBinding and ClusterRoleBinding, in place. */
export function defaultBinding(b: Json): void {
  if (b.roleRef && typeof b.roleRef === "object" && !b.roleRef.apiGroup) b.roleRef.apiGroup = RBAC_GROUP;
  for (const s of Array.isArray(b.subjects) ? b.subjects : []) {
    if (!s || typeof s !== "object" || s.apiGroup) continue;
    if (s.kind === "ServiceAccount") s.apiGroup = "";
    else if (s.kind === "User" || s.kind === "Group") s.apiGroup = RBAC_GROUP;
  }
}
