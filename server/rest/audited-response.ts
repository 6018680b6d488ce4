// Why: REST handlers report requests the pipeline's clients do not see whole (subresource writes, access reviews) to the audit log once, with how they ended.

import type { AuditRequest } from "@/core/apiserver/api-server";
import type { ClusterRuntime } from "@/server/runtime/types";

/** Runs one request and reports it to the apiserver's audit sink: its answer's code, or the error it failed with. */
export async function auditedResponse(rt: ClusterRuntime, req: AuditRequest, run: () => Promise<Response>): Promise<Response> {
  try {
    const response = await run();
    rt.apiServer.recordAudit(req, response.ok ? { code: response.status } : { error: { status: { code: response.status } } });
    return response;
  } catch (error) {
    rt.apiServer.recordAudit(req, { error });
    throw error;
  }
}
