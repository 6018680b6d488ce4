// Why: REST calls pass per-request field validation and collect warnings; the runtime types the apiserver narrowly, so this one cast lives here.

import type { AuditRequest, ClientOptions } from "@/core/apiserver/api-server";
import type { AuditOutcome } from "@/core/apiserver/audit";
import type { UserInfo } from "@/core/apiserver/types";
import type { ObjectClient } from "@/core/store/types";
import type { ClusterRuntime } from "@/server/runtime/types";

type ClientWithOptions = { client(user: UserInfo, opts?: ClientOptions): ObjectClient };

/** The apiserver pipeline's client for `user`, with this request's field validation and warning sink. */
export function apiClient(rt: ClusterRuntime, user: UserInfo, opts: ClientOptions = {}): ObjectClient {
  return (rt.apiServer as ClusterRuntime["apiServer"] & ClientWithOptions).client(user, opts);
}

/**
 * Reports a request the pipeline's clients do not see whole (a subresource write, an access
 * review) to the apiserver's audit sink; a runtime without one records nothing.
 */
export function recordAudit(rt: ClusterRuntime, req: AuditRequest, outcome: AuditOutcome): void {
  const server = rt.apiServer as ClusterRuntime["apiServer"] & { recordAudit?: (r: AuditRequest, o: AuditOutcome) => void };
  if (typeof server.recordAudit === "function") server.recordAudit(req, outcome);
}

/** Runs one request and reports it with {@link recordAudit}: its answer's code, or the error it failed with. */
export async function auditedResponse(rt: ClusterRuntime, req: AuditRequest, run: () => Promise<Response>): Promise<Response> {
  try {
    const response = await run();
    recordAudit(rt, req, response.ok ? { code: response.status } : { error: { status: { code: response.status } } });
    return response;
  } catch (error) {
    recordAudit(rt, req, { error });
    throw error;
  }
}

