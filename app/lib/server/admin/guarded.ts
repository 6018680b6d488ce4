// Why: the console's own admin operations (users, teams, tokens of others) are authorized by RBAC and audited like any API request, in one place.

import type { AuditSink } from "@/core/apiserver/audit";
import { ApiError } from "@/core/api/errors";
import type { AccessQuestion, Permissions } from "@/app/lib/server/permissions";

/** Who acts and where their mutations are recorded. */
export interface AdminContext {
  permissions: Permissions;
  /** The audit log's sink (identity.audit.record); absent: not recorded. */
  audit?: AuditSink;
  /** Milliseconds since the epoch, for audit records. */
  now: () => number;
}

const READ_VERBS = new Set(["get", "list", "watch"]);

/**
 * Runs `fn` when the context's user may make request `q`; otherwise throws Kubernetes' 403
 * with the authorizer's reason. Mutations (allowed or refused, succeeded or failed) are
 * written to the audit log with source "console".
 */
export async function guarded<T>(ctx: AdminContext, q: AccessQuestion, fn: () => Promise<T>, createdName?: string): Promise<T> {
  const refusal = ctx.permissions.forbidden(q);
  const audited = !READ_VERBS.has(q.verb) && ctx.audit;
  const record = (code: number, reason?: string) => {
    if (!audited) return;
    const u = ctx.permissions.user;
    ctx.audit!({
      time: ctx.now(),
      user: u.name,
      groups: [...u.groups],
      verb: q.verb,
      apiGroup: q.group,
      resource: q.resource,
      ...(q.subresource ? { subresource: q.subresource } : {}),
      ...(q.namespace ? { namespace: q.namespace } : {}),
      ...(q.name || createdName ? { name: q.name || createdName } : {}),
      allowed: code < 400,
      code,
      ...(reason ? { reason } : {}),
      source: "console",
    });
  };
  if (refusal) {
    record(403, "Forbidden");
    throw refusal;
  }
  try {
    const out = await fn();
    record(q.verb === "create" ? 201 : 200);
    return out;
  } catch (e) {
    if (e instanceof ApiError) record(e.code, e.reason);
    else record(500, "InternalError");
    throw e;
  }
}
