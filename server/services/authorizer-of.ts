// Why: filtered reads ask the apiserver's own authorizer which namespaces a user may read; one place finds it on a runtime and fails closed without it.

import type { Authorizer } from "@/core/apiserver/authorizer";
import type { ClusterRuntime } from "@/server/runtime/types";

/** Denies everything: used when a runtime does not expose its authorizer, so filtered reads fail closed. */
const denyAll: Authorizer = { authorize: () => ({ allowed: false }) };

/**
 * The apiserver's authorizer (core's ApiServer exposes it as `authorizer`). The runtime's
 * interface does not name it, so it is read duck-typed; a runtime without one gets an
 * authorizer that denies, so per-namespace filtering shows nothing rather than everything
 * (calls through `client(user)` still decide as that runtime does).
 */
export function authorizerOf(rt: ClusterRuntime): Authorizer {
  const a = (rt.apiServer as ClusterRuntime["apiServer"] & { authorizer?: Authorizer }).authorizer;
  return a && typeof a.authorize === "function" ? a : denyAll;
}
