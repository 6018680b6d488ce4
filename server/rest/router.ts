// Why: turns a Kubernetes REST path, method and query into one request description (RequestInfo), as the apiserver's request-info resolver does.

import { badRequest, ApiError } from "@/core/api/errors";
import { resourceTypeByPlural, type ResourceType } from "@/core/api/resources";
import type { FieldValidation } from "@/core/api/schema/decode";
import type { PropagationPolicy } from "@/core/store/types";

export type RestVerb = "get" | "list" | "watch" | "create" | "update" | "patch" | "delete" | "deletecollection";

/** Query parameters Wheelhouse honours, parsed and checked. */
export interface RestQuery {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: string;
  timeoutSeconds?: number;
  allowWatchBookmarks?: boolean;
  dryRun?: boolean;
  fieldValidation?: FieldValidation;
  propagationPolicy?: PropagationPolicy;
  gracePeriodSeconds?: number;
  fieldManager?: string;
  force?: boolean;
  /** Everything else (log options, `pretty`, …) as given. */
  raw: URLSearchParams;
}

/** A request for a resource (not discovery). */
export interface ResourceRequest {
  kind: "resource";
  verb: RestVerb;
  group: string;
  version: string;
  /** The plural as written in the path. */
  resource: string;
  /** Undefined when the group/version does not serve `resource`. */
  type?: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
  query: RestQuery;
}

/** A discovery document of one group version (`/api/v1`, `/apis/apps/v1`). */
export interface GroupVersionRequest {
  kind: "groupVersion";
  group: string;
  version: string;
}

export type RestRequest = ResourceRequest | GroupVersionRequest;

/** Subresources of a namespace (`/api/v1/namespaces/x/status`), which are not namespaced paths. */
const NAMESPACE_SUBRESOURCES = new Set(["status", "finalize"]);

const FIELD_VALIDATIONS = new Set(["Strict", "Warn", "Ignore"]);
const PROPAGATION = new Set(["Background", "Foreground", "Orphan"]);

function intParam(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || v === "") return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw badRequest(`invalid value for ${name}: ${JSON.stringify(v)}: must be a non-negative integer`);
  return n;
}

function boolParam(q: URLSearchParams, name: string): boolean | undefined {
  const v = q.get(name);
  if (v === null) return undefined;
  return v === "" || v === "1" || v.toLowerCase() === "true";
}

/** Parses and checks the query parameters of a resource request. */
export function parseQuery(q: URLSearchParams): RestQuery {
  const query: RestQuery = { raw: q };
  const str = (name: "labelSelector" | "fieldSelector" | "continue" | "resourceVersion" | "resourceVersionMatch" | "fieldManager") => {
    const v = q.get(name);
    if (v !== null && v !== "") query[name] = v;
  };
  for (const n of ["labelSelector", "fieldSelector", "continue", "resourceVersion", "resourceVersionMatch", "fieldManager"] as const) str(n);
  query.limit = intParam(q, "limit") || undefined;
  query.timeoutSeconds = intParam(q, "timeoutSeconds");
  query.gracePeriodSeconds = intParam(q, "gracePeriodSeconds");
  query.allowWatchBookmarks = boolParam(q, "allowWatchBookmarks");
  query.force = boolParam(q, "force");
  const dryRun = q.getAll("dryRun");
  if (dryRun.some((d) => d !== "All")) throw badRequest(`Invalid dry run value: ${JSON.stringify(dryRun)}: valid values are "All"`);
  if (dryRun.length > 0) query.dryRun = true;
  const fv = q.get("fieldValidation");
  if (fv) {
    if (!FIELD_VALIDATIONS.has(fv)) throw badRequest(`fieldValidation must be one of "Ignore", "Warn", or "Strict", got ${JSON.stringify(fv)}`);
    query.fieldValidation = fv as FieldValidation;
  }
  const pp = q.get("propagationPolicy");
  if (pp) {
    if (!PROPAGATION.has(pp)) throw badRequest(`propagationPolicy: Unsupported value: ${JSON.stringify(pp)}: supported values: "Foreground", "Background", "Orphan"`);
    query.propagationPolicy = pp as PropagationPolicy;
  }
  for (const k of Object.keys(query) as (keyof RestQuery)[]) if (query[k] === undefined) delete query[k];
  return query;
}

/** 405 MethodNotAllowed as the apiserver answers a method it has no route for (with empty details). */
export function noRoute(): ApiError {
  return new ApiError({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message: "the server does not allow this method on the requested resource", reason: "MethodNotAllowed", details: {}, code: 405 });
}

/**
 * The verb of a method on a path; undefined (405) where the apiserver has no route: PUT and PATCH
 * need an object, POST goes to a collection or to a subresource (binding, eviction).
 */
function verbOf(method: string, name: string | undefined, watch: boolean, subresource?: string): RestVerb | undefined {
  switch (method) {
    case "GET":
    case "HEAD":
      return watch ? "watch" : name ? "get" : "list";
    case "POST":
      return name && !subresource ? undefined : "create";
    case "PUT":
      return name ? "update" : undefined;
    case "PATCH":
      return name ? "patch" : undefined;
    case "DELETE":
      return name ? "delete" : "deletecollection";
    default:
      return undefined;
  }
}

/**
 * Parses `/api/v1/...` and `/apis/<group>/<version>/...` (segments after `api`/`apis`).
 * Returns undefined for paths that are not resource or group-version paths (the caller answers
 * 404). Throws 400 for bad query parameters and 405 for an unknown method.
 */
export function parseRestPath(method: string, segments: string[], search: URLSearchParams): RestRequest | undefined {
  const segs = segments.filter((s) => s !== "");
  let group: string;
  let version: string;
  let parts: string[];
  if (segs[0] === "api") {
    if (segs.length < 2) return undefined;
    [group, version, parts] = ["", segs[1], segs.slice(2)];
  } else if (segs[0] === "apis") {
    if (segs.length < 3) return undefined;
    [group, version, parts] = [segs[1], segs[2], segs.slice(3)];
  } else return undefined;
  if (parts.length === 0) return { kind: "groupVersion", group, version };

  let watch = false;
  if (parts[0] === "watch") {
    watch = true;
    parts = parts.slice(1);
  }
  let namespace: string | undefined;
  if (parts[0] === "namespaces" && parts.length >= 2) {
    namespace = parts[1];
    if (parts.length > 2 && !NAMESPACE_SUBRESOURCES.has(parts[2])) parts = parts.slice(2);
  }
  if (parts[0] === "namespaces" && parts.length >= 2) namespace = undefined; // /namespaces/x[/status]: the namespace object itself
  if (parts.length === 0 || parts.length > 3) return undefined;
  const [resource, name, subresource] = parts;
  const query = parseQuery(search);
  const w = watch || boolParam(search, "watch") === true;
  const verb = verbOf(method.toUpperCase(), name, w, subresource);
  if (!verb) throw noRoute();
  const type = resourceTypeByPlural(group, resource);
  const served = type && type.version === version ? type : undefined;
  return {
    kind: "resource",
    verb,
    group,
    version,
    resource,
    ...(served ? { type: served } : {}),
    ...(namespace !== undefined ? { namespace } : {}),
    ...(name !== undefined ? { name } : {}),
    ...(subresource !== undefined ? { subresource } : {}),
    query,
  };
}
