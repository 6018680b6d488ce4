// Why: every failure in Wheelhouse is a Kubernetes Status (reason, code, causes), whatever the transport.

/** A field-level cause, as in Status.details.causes (`field` is a path like `spec.template.spec.containers[0].image`). */
export interface StatusCause {
  reason: string;
  message: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

/** The meta/v1 Status object returned for failures. */
export interface Status {
  kind: "Status";
  apiVersion: "v1";
  metadata: Record<string, never>;
  status: "Failure" | "Success";
  message: string;
  reason: string;
  details?: StatusDetails;
  code: number;
}

/** Identifies the object an error is about: its group, kind (or plural resource) and name. */
export interface ErrorTarget {
  group?: string;
  kind: string;
  name?: string;
}

/** Marks ApiErrors across module copies (the Next.js server bundles core/ once per entry point). */
const API_ERROR_BRAND = Symbol.for("wheelhouse.ApiError");

/** A failure carrying a Kubernetes Status. Transports map `code` to HTTP and GraphQL error codes. */
export class ApiError extends Error {
  readonly [API_ERROR_BRAND] = true;

  constructor(readonly status: Status) {
    super(status.message);
    this.name = "ApiError";
  }

  /**
   * `instanceof ApiError` holds for an ApiError made by any copy of this module: the cluster
   * boots from the instrumentation bundle while route handlers check errors in their own.
   */
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[API_ERROR_BRAND] === true;
  }

  get code(): number {
    return this.status.code;
  }

  get reason(): string {
    return this.status.reason;
  }
}

function make(code: number, reason: string, message: string, details?: StatusDetails): ApiError {
  return new ApiError({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason, code, ...(details ? { details } : {}) });
}

function qualified(t: ErrorTarget): string {
  return t.group ? `${t.kind}.${t.group}` : t.kind;
}

function detailsOf(t: ErrorTarget): StatusDetails {
  return { name: t.name, ...(t.group ? { group: t.group } : {}), kind: t.kind };
}

/** Kubernetes writes `pods "web" not found`, with the plural resource name. */
export const notFound = (t: ErrorTarget) => make(404, "NotFound", `${qualified(t)} "${t.name}" not found`, detailsOf(t));
export const alreadyExists = (t: ErrorTarget) => make(409, "AlreadyExists", `${qualified(t)} "${t.name}" already exists`, detailsOf(t));
export const conflict = (t: ErrorTarget, why: string) =>
  make(409, "Conflict", `Operation cannot be fulfilled on ${qualified(t)} "${t.name}": ${why}`, detailsOf(t));
/** 422 Invalid, as Kubernetes writes it: `Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0`. */
export function invalid(t: ErrorTarget, causes: StatusCause[]): ApiError {
  const list = causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message));
  const body = list.length === 1 ? list[0] : `[${list.join(", ")}]`;
  return make(422, "Invalid", `${qualified(t)} "${t.name ?? ""}" is invalid: ${body}`, { ...detailsOf(t), causes });
}
export const badRequest = (message: string, causes?: StatusCause[]) => make(400, "BadRequest", message, causes ? { causes } : undefined);
export const gone = (message: string) => make(410, "Expired", message);
export const forbidden = (message: string, t?: ErrorTarget) => make(403, "Forbidden", message, t ? detailsOf(t) : undefined);
export const unauthorized = (message = "Unauthorized") => make(401, "Unauthorized", message);
export const methodNotAllowed = (message: string) => make(405, "MethodNotAllowed", message);
export const tooLarge = (message = "Request entity too large") => make(413, "RequestEntityTooLarge", message);
export const unsupportedMediaType = (message: string) => make(415, "UnsupportedMediaType", message);
export const internalError = (message: string) => make(500, "InternalError", `Internal error occurred: ${message}`);
export const serviceUnavailable = (message: string) => make(503, "ServiceUnavailable", message);

/** Cause reasons Kubernetes uses in field errors (apimachinery field.ErrorType). */
export const CauseType = {
  Required: "FieldValueRequired",
  Invalid: "FieldValueInvalid",
  NotSupported: "FieldValueNotSupported",
  Duplicate: "FieldValueDuplicate",
  Forbidden: "FieldValueForbidden",
  TooLong: "FieldValueTooLong",
  Unknown: "FieldValueNotFound",
} as const;

/** True when `e` is an {@link ApiError} with the given reason. */
export function isReason(e: unknown, reason: string): e is ApiError {
  return e instanceof ApiError && e.status.reason === reason;
}
