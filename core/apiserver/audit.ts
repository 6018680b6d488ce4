// Why: the apiserver pipeline reports every mutating request to one callback, so the audit log (in server/) never has to know the transports or the pipeline's internals.

/** Which transport a request came through. */
export type AuditSource = "rest" | "graphql" | "console";

/**
 * One mutating request, allowed or denied: who (after impersonation), what (verb and
 * resource), which object, and how it ended. Reads are not audited.
 */
export interface AuditRecord {
  /** Milliseconds since the epoch, from the pipeline's Clock. */
  time: number;
  /** The effective user name and groups. */
  user: string;
  groups: string[];
  /** create, update, patch, delete, deletecollection (and the creates of reviews and token requests). */
  verb: string;
  /** API group, "" for the core group. */
  apiGroup: string;
  /** Plural resource name (`deployments`). */
  resource: string;
  subresource?: string;
  namespace?: string;
  /** The object's name; absent when the request names none (create with generateName, deletecollection). */
  name?: string;
  /**
   * The authorizer's decision, as Kubernetes' `authorization.k8s.io/decision` annotation: false
   * only when authorization refused the request (403 Forbidden naming the verb and resource). A
   * request that was authorized and then failed later (422 Invalid, 409 Conflict or AlreadyExists,
   * 404, or a 403 from admission such as escalation prevention or a terminating namespace) is
   * allowed=true with that code and reason, as the `responseStatus` of a Kubernetes audit event.
   */
  allowed: boolean;
  /** The HTTP status code of the answer (201, 200, 403, 409, 422...). */
  code: number;
  /** The Status reason of a failure (Forbidden, AlreadyExists, Invalid...). */
  reason?: string;
  source: AuditSource;
  /** The authenticated user that impersonated `user` (kubectl --as), when one did. */
  impersonatedBy?: string;
  /** A dryRun=All request: admitted and answered, nothing stored. Kubernetes audits these like any other. */
  dryRun?: boolean;
}

/** Receives audit records. Must not throw or block: implementations queue and write later. */
export type AuditSink = (record: AuditRecord) => void;

/** Marks errors that are authorization refusals (a property, so copies of this module agree). */
const AUTHORIZATION_DENIED = Symbol.for("wheelhouse.authorizationDenied");

/** Marks `err` as the authorizer's refusal (see {@link AuditRecord.allowed}); returns it. */
export function markAuthorizationDenied<E extends object>(err: E): E {
  (err as Record<symbol, unknown>)[AUTHORIZATION_DENIED] = true;
  return err;
}

/** Whether `err` is the authorizer's refusal rather than a later failure. */
export function isAuthorizationDenied(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as Record<symbol, unknown>)[AUTHORIZATION_DENIED] === true;
}

/** How a request ended, for the audit record: the success code, or the error it failed with. */
export type AuditOutcome = { code: number } | { error: unknown };

/** The allowed/code/reason of an outcome: an ApiError's code and reason; anything else is a 500 InternalError. */
export function auditResult(outcome: AuditOutcome): Pick<AuditRecord, "allowed" | "code" | "reason"> {
  if ("code" in outcome) return { allowed: true, code: outcome.code };
  const e = outcome.error as { status?: { code?: unknown; reason?: unknown } } | null;
  const status = e && typeof e === "object" ? e.status : undefined;
  const code = typeof status?.code === "number" ? status.code : 500;
  const reason = typeof status?.reason === "string" && status.reason ? status.reason : code === 500 ? "InternalError" : undefined;
  return { allowed: !isAuthorizationDenied(outcome.error), code, ...(reason ? { reason } : {}) };
}
