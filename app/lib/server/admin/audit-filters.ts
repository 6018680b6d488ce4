// Why: the audit page's filters live in the URL (shareable, back-button friendly); one function turns them into the audit log's query and back into links.

import type { AuditQuery } from "@/server/identity";

/** The page's search parameters, as Next hands them over. */
export type AuditSearchParams = Record<string, string | string[] | undefined>;

/** The filters the form shows (strings as typed). */
export interface AuditFilters {
  user: string;
  verb: string;
  /** `deployments.apps`, `pods`, or `users.iam.wheelhouse.dev`: plural resource, then its API group after the first dot. */
  resource: string;
  namespace: string;
  /** "" (any), "allowed" or "denied". */
  outcome: "" | "allowed" | "denied";
  cursor: string;
}

/** Page size of the audit view. */
export const AUDIT_PAGE_SIZE = 50;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() ?? "";

/** The filters in `params`; unknown values of `outcome` mean any. */
export function auditFilters(params: AuditSearchParams): AuditFilters {
  const outcome = one(params.outcome);
  return {
    user: one(params.user),
    verb: one(params.verb).toLowerCase(),
    resource: one(params.resource).toLowerCase(),
    namespace: one(params.namespace),
    outcome: outcome === "allowed" || outcome === "denied" ? outcome : "",
    cursor: one(params.cursor),
  };
}

/** The audit log query for `f` (empty filters do not narrow; a resource without a dot is any group's). */
export function auditQueryOf(f: AuditFilters): AuditQuery {
  const dot = f.resource.indexOf(".");
  return {
    limit: AUDIT_PAGE_SIZE,
    ...(f.user ? { user: f.user } : {}),
    ...(f.verb ? { verb: f.verb } : {}),
    ...(f.resource ? (dot < 0 ? { resource: f.resource } : { resource: f.resource.slice(0, dot), apiGroup: f.resource.slice(dot + 1) }) : {}),
    ...(f.namespace ? { namespace: f.namespace } : {}),
    ...(f.outcome ? { allowed: f.outcome === "allowed" } : {}),
    ...(f.cursor ? { cursor: f.cursor } : {}),
  };
}

/** `/audit?...` for `f` with `cursor` (or the first page without one). */
export function auditHref(f: AuditFilters, cursor?: string): string {
  const p = new URLSearchParams();
  for (const k of ["user", "verb", "resource", "namespace", "outcome"] as const) if (f[k]) p.set(k, f[k]);
  if (cursor) p.set("cursor", cursor);
  const q = p.toString();
  return q ? `/audit?${q}` : "/audit";
}
