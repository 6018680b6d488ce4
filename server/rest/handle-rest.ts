// Why: the one entry of the Kubernetes REST API: authenticate, bound the body, route the path, run the verb through the pipeline, answer with JSON or a Status.

import { CauseType, invalid, type StatusCause } from "@/core/api/errors";
import type { KubeObject } from "@/core/api/types";
import { requestNamespace } from "@/core/apiserver/authorizer";
import type { UserInfo } from "@/core/apiserver/types";
import type { ObjectClient } from "@/core/store/types";
import { actingUser } from "@/server/auth/acting-user";
import { authenticateRequest } from "@/server/auth/authenticate";
import { limitRequestBody } from "@/server/http/body-limit";
import { getRuntime } from "@/server/runtime/runtime";
import type { ClusterRuntime } from "@/server/runtime/types";
import { accessReviewResponse, isAccessReviewRequest } from "./access-review-routes";
import { auditedResponse } from "./audited-response";
import { readObjectBody, readOptionalJson, readPatchBody } from "./body";
import { groupVersionDocument } from "./discovery-routes";
import { isMetricsRequest, metricsResponse } from "./metrics-routes";
import { patchObject } from "./patch-object";
import { deleteCollection, deleteOptionsOf, getOne, listDocument, listObjects, namespaceOf, reconcileBody, type TypedRequest } from "./resource-verbs";
import { errorResponse, jsonResponse, notFoundStatus } from "./responses";
import { noRoute, parseRestPath } from "./router";
import {
  bind,
  evict,
  getScale,
  getStatus,
  patchScale,
  patchStatus,
  podLogOptions,
  requestToken,
  streamPodLogs,
  updateScale,
  updateStatus,
  type Binding,
  type Eviction,
  type Scale,
  type TokenRequest,
} from "./subresources/index";
import { listAsTable, objectAsTable, wantsTable, watchTableMapper } from "./table-output";
import { watchResponse } from "./watch-response";

/** 401 with a Status body, as the apiserver answers a request without valid credentials. */
export function unauthorizedResponse(): Response {
  return jsonResponse({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message: "Unauthorized", reason: "Unauthorized", code: 401 }, 401);
}

/** Authenticates the request; a Response (401) when it has no valid token. */
export async function requireUser(request: Request): Promise<UserInfo | Response> {
  return (await authenticateRequest(request)) ?? unauthorizedResponse();
}

/** Path segments of a request URL, decoded (`/apis/apps/v1/...` → ["apis","apps","v1",...]). */
export function segmentsOf(request: Request): string[] {
  return new URL(request.url).pathname.split("/").filter(Boolean).map(decodeURIComponent);
}

/** Longest field manager Kubernetes accepts (and how much of a User-Agent it keeps). */
const MAX_FIELD_MANAGER = 128;

/**
 * The manager a write is recorded as in managedFields: the request's `fieldManager`, else the
 * User-Agent up to its first `/` (`kubectl/v1.32.0 (linux/amd64) …` → `kubectl`), as the apiserver does.
 */
export function fieldManagerOf(request: Request, query: { fieldManager?: string }): string | undefined {
  if (query.fieldManager) {
    if (OPTIONS_KIND[request.method.toUpperCase()]) checkFieldManager(query.fieldManager, request.method);
    return query.fieldManager;
  }
  const agent = request.headers.get("user-agent") ?? "";
  return [...agent.split("/")[0]].slice(0, MAX_FIELD_MANAGER).join("") || undefined;
}

/** The Kubernetes verb of a write by HTTP method. */
const WRITE_VERBS: Record<string, string> = { POST: "create", PUT: "update", PATCH: "patch", DELETE: "delete" };

const OPTIONS_KIND: Record<string, string> = { POST: "CreateOptions", PUT: "UpdateOptions", PATCH: "PatchOptions" };

/** 422 for a `fieldManager` Kubernetes refuses: longer than 128 bytes, or with unprintable characters. */
function checkFieldManager(manager: string, method: string): void {
  const causes: StatusCause[] = [];
  if (Buffer.byteLength(manager) > MAX_FIELD_MANAGER) causes.push({ reason: CauseType.TooLong, field: "fieldManager", message: `Too long: must have at most ${MAX_FIELD_MANAGER} bytes` });
  const bad = [...manager].findIndex((c) => /[\p{C}]/u.test(c));
  if (bad >= 0) {
    const cp = manager.codePointAt([...manager].slice(0, bad).join("").length)!;
    causes.push({ reason: CauseType.Invalid, field: "fieldManager", message: `Invalid value: ${JSON.stringify(manager)}: invalid character U+${cp.toString(16).toUpperCase().padStart(4, "0")} (at position ${bad})` });
  }
  if (causes.length) throw invalid({ group: "meta.k8s.io", kind: OPTIONS_KIND[method.toUpperCase()], name: "" }, causes);
}

/** What the REST handler needs from the process: the cluster and the authenticator (tests pass their own). */
export interface RestDeps {
  runtime: () => Promise<ClusterRuntime>;
  authenticate: (request: Request) => Promise<UserInfo | undefined>;
}

/** A handler of `/api/...` and `/apis/...` requests below the discovery roots. */
export function createRestHandler(deps: RestDeps): (request: Request) => Promise<Response> {
  return async (request) => {
    const warnings: string[] = [];
    try {
      const authenticated = await deps.authenticate(request);
      if (!authenticated) return unauthorizedResponse();
      const rt = await deps.runtime();
      // kubectl --as / Impersonate-*: the caller must be allowed `impersonate`; from here on the request is the impersonated user's.
      const user = await actingUser(request, authenticated, rt);
      const limited = await limitRequestBody(request);
      if (limited instanceof Response) return limited;
      const url = new URL(limited.url);
      const req = parseRestPath(limited.method, segmentsOf(limited), url.searchParams);
      if (!req) return jsonResponse(notFoundStatus(), 404);
      if (req.kind === "groupVersion") {
        if (limited.method !== "GET") throw noRoute();
        const doc = groupVersionDocument(req.group, req.version);
        return doc ? jsonResponse(doc) : jsonResponse(notFoundStatus(), 404);
      }
      if (isMetricsRequest(req.group, req.version)) return metricsResponse(rt, user, req);
      // Who impersonated the request's user, for the audit log.
      const impersonatedBy = user !== authenticated ? authenticated.name : undefined;
      const audit = { user, group: req.group, resource: req.resource, ...(req.namespace ? { namespace: req.namespace } : {}), source: "rest" as const, ...(impersonatedBy ? { impersonatedBy } : {}) };
      if (isAccessReviewRequest(req.group, req.version)) {
        if (req.verb !== "create") return await accessReviewResponse(rt, user, limited, req);
        return await auditedResponse(rt, { ...audit, verb: "create" }, () => accessReviewResponse(rt, user, limited, req));
      }
      if (!req.type) return jsonResponse(notFoundStatus(), 404);
      const fieldManager = fieldManagerOf(limited, req.query);
      const opts = { fieldValidation: req.query.fieldValidation, onWarning: (w: string) => warnings.push(w), ...(fieldManager ? { fieldManager } : {}) };
      const write = WRITE_VERBS[limited.method.toUpperCase()];
      if (!write) return await dispatch(rt, user, limited, req as TypedRequest, rt.apiServer.client(user, opts), warnings);

      // A write is authorized on what its URL names before its body is read, as kube-apiserver's filter chain
      // does: a caller who may not write gets 403, never an answer about a body they may not send.
      const namespace = requestNamespace(req.type, req.namespace, req.name);
      const verb = write === "delete" && !req.name ? "deletecollection" : write;
      const target = { ...(req.subresource ? { subresource: req.subresource } : {}), ...(namespace ? { namespace } : {}), ...(req.name ? { name: req.name } : {}) };
      const attrs = { user, verb, group: req.type.group, resource: req.type.plural, ...target };
      const entry = { ...audit, verb, ...target, ...(req.query.dryRun ? { dryRun: true } : {}) };
      if (req.subresource) {
        // A subresource write is one request but several pipeline calls (and retries): audited here, once.
        return await auditedResponse(rt, entry, async () => {
          rt.apiServer.authorize(attrs);
          return dispatch(rt, user, limited, req as TypedRequest, rt.apiServer.client(user, opts), warnings);
        });
      }
      try {
        rt.apiServer.authorize(attrs);
      } catch (error) {
        rt.apiServer.recordAudit(entry, { error });
        throw error;
      }
      // Every other write is audited by the pipeline, which knows how far it got (authorization or later).
      const client = rt.apiServer.client(user, { ...opts, source: "rest", ...(impersonatedBy ? { impersonatedBy } : {}) });
      return await dispatch(rt, user, limited, req as TypedRequest, client, warnings);
    } catch (err) {
      return errorResponse(err, warnings);
    }
  };
}

const processHandler = createRestHandler({ runtime: getRuntime, authenticate: (r) => authenticateRequest(r) });

/** Handles any `/api/...` or `/apis/...` request of this process's cluster. */
export function handleRest(request: Request): Promise<Response> {
  return processHandler(request);
}

async function dispatch(rt: ClusterRuntime, user: UserInfo, request: Request, req: TypedRequest, client: ObjectClient, warnings: string[]): Promise<Response> {
  const accept = request.headers.get("accept");
  const table = wantsTable(accept);
  const q = req.query;
  const ok = (obj: unknown, code = 200) => jsonResponse(table && req.verb === "get" ? objectAsTable(req, obj as KubeObject, q.raw, rt.clock.now()) : obj, code, warnings);
  if (req.subresource) return subresource(rt, user, request, req, client, warnings);
  switch (req.verb) {
    case "get":
      return ok(getOne(client, req));
    case "list": {
      const result = listObjects(client, req);
      return jsonResponse(table ? listAsTable(req, result, q.raw, rt.clock.now()) : listDocument(req.type, result), 200, warnings);
    }
    case "watch":
      return watchResponse(rt, user, req, {
        signal: request.signal,
        ...(table ? { mapObject: watchTableMapper(req, q.raw, () => rt.clock.now()) } : {}),
      });
    case "create": {
      const obj = reconcileBody(req, await readObjectBody(request, req.type.kind));
      const created = await client.create(obj, { ...(q.dryRun ? { dryRun: true } : {}), ...(q.fieldValidation ? { fieldValidation: q.fieldValidation } : {}) } as Parameters<typeof client.create>[1]);
      return ok(created, 201);
    }
    case "update": {
      const obj = reconcileBody(req, await readObjectBody(request, req.type.kind));
      const updated = await client.update(obj, { ...(q.dryRun ? { dryRun: true } : {}), ...(q.fieldValidation ? { fieldValidation: q.fieldValidation } : {}) } as Parameters<typeof client.update>[1]);
      return ok(updated);
    }
    case "patch": {
      const { patchType, patch } = await readPatchBody(request);
      const { object, created } = await patchObject(client, req, patchType, patch, rt.clock.now(), rt.store);
      return ok(object, created ? 201 : 200);
    }
    case "delete": {
      const opts = deleteOptionsOf(req, await readOptionalJson(request));
      return ok(await client.delete(req.type, namespaceOf(req), req.name!, opts));
    }
    case "deletecollection": {
      const opts = deleteOptionsOf(req, await readOptionalJson(request));
      return ok(await deleteCollection(client, req, opts));
    }
  }
}

async function subresource(rt: ClusterRuntime, user: UserInfo, request: Request, req: TypedRequest, client: ObjectClient, warnings: string[]): Promise<Response> {
  const q = req.query;
  const method = request.method.toUpperCase();
  const isPod = req.type.group === "" && req.type.kind === "Pod";
  const isServiceAccount = req.type.group === "" && req.type.kind === "ServiceAccount";
  const ns = namespaceOf(req);
  const name = req.name!;
  const fieldManager = fieldManagerOf(request, q);
  const write = { ...(q.dryRun ? { dryRun: true } : {}), ...(fieldManager ? { fieldManager } : {}) };
  switch (req.subresource) {
    case "status":
      if (method === "GET") return jsonResponse(getStatus(rt, user, req.type, ns, name), 200, warnings);
      if (method === "PUT") return jsonResponse(await updateStatus(rt, user, req.type, ns, name, (await readObjectBody(request, req.type.kind)) as KubeObject, write), 200, warnings);
      if (method === "PATCH") {
        const { patchType, patch } = await readPatchBody(request);
        // Server-side apply of status goes through the field-ownership merge of the main path.
        if (patchType === "apply") return jsonResponse((await patchObject(client, req, patchType, patch, rt.clock.now(), rt.store)).object, 200, warnings);
        return jsonResponse(await patchStatus(rt, user, req.type, ns, name, request.headers.get("content-type") ?? "", patch, write), 200, warnings);
      }
      break;
    case "scale":
      if (method === "GET") return jsonResponse(getScale(rt, user, req.type, ns, name), 200, warnings);
      if (method === "PUT") return jsonResponse(await updateScale(rt, user, req.type, ns, name, (await readObjectBody(request, "Scale")) as Scale, write), 200, warnings);
      if (method === "PATCH") {
        const { patchType, patch } = await readPatchBody(request);
        // An applied Scale names only spec.replicas: it merges like a merge patch.
        const type = patchType === "apply" ? "merge" : patchType;
        return jsonResponse(await patchScale(rt, user, req.type, ns, name, type, patch, write), 200, warnings);
      }
      break;
    case "log":
      if (isPod && method === "GET") return streamPodLogs(rt, user, ns, name, podLogOptions(q.raw, name), request.signal);
      break;
    case "binding":
      if (isPod && method === "POST") return jsonResponse(await bind(rt, user, ns, name, (await readObjectBody(request, "Binding")) as Binding, write), 201, warnings);
      break;
    case "eviction":
      if (isPod && method === "POST") return jsonResponse(await evict(rt, user, ns, name, (await readObjectBody(request, "Eviction")) as Eviction, write), 201, warnings);
      break;
    case "token":
      if (isServiceAccount && method === "POST") return jsonResponse(await requestToken(rt, user, ns, name, (await readObjectBody(request, "TokenRequest")) as TokenRequest), 201, warnings);
      break;
    default:
      return jsonResponse(notFoundStatus(), 404);
  }
  if (!isPod && ["log", "binding", "eviction"].includes(req.subresource!)) return jsonResponse(notFoundStatus(), 404);
  if (!isServiceAccount && req.subresource === "token") return jsonResponse(notFoundStatus(), 404);
  return errorResponse(noRoute(), warnings);
}
