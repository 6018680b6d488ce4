// Why: filtered reads, the console's permissions and the REST reviews all ask the apiserver's own authorizer; one place hands it out.

import type { Authorizer } from "@/core/apiserver/authorizer";
import type { ClusterRuntime } from "@/server/runtime/types";

/**
 * The authorizer every request of this runtime is decided by (RBAC in a cluster; allow-all in
 * a bare test apiserver), so what the console shows and what GraphQL filters agree with what
 * `client(user)` then allows.
 */
export function authorizerOf(rt: ClusterRuntime): Authorizer {
  return rt.apiServer.authorizer;
}
