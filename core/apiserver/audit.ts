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
  /** False when authorization or admission refused the request. */
  allowed: boolean;
  /** The HTTP status code of the answer (201, 200, 403, 409, 422...). */
  code: number;
  /** The Status reason of a failure (Forbidden, AlreadyExists, Invalid...). */
  reason?: string;
  source: AuditSource;
}

/** Receives audit records. Must not throw or block: implementations queue and write later. */
export type AuditSink = (record: AuditRecord) => void;
