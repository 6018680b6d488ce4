// Why: REST and GraphQL both honour Impersonate-* headers (kubectl --as) the same way: the caller must hold `impersonate`, asked of the cluster's own authorizer.

import type { UserInfo } from "@/core/apiserver/types";
import type { ClusterRuntime } from "@/server/runtime/types";
import { resolveImpersonation } from "@/server/identity/impersonation";

/** True when the request names anyone to impersonate. */
export function asksImpersonation(headers: Headers): boolean {
  return [...headers.keys()].some((k) => k.toLowerCase().startsWith("impersonate-"));
}

/**
 * The user the request acts as: the authenticated one, or the one its Impersonate-* headers
 * name once that user may impersonate them (else Kubernetes' 403 Forbidden is thrown).
 */
export async function actingUser(request: Request, authenticated: UserInfo, rt: ClusterRuntime): Promise<UserInfo> {
  if (!asksImpersonation(request.headers)) return authenticated;
  const authorizer = rt.apiServer.authorizer;
  return resolveImpersonation(request, authenticated, (attrs) => authorizer.authorize(attrs));
}
