// Why: the plain verbs of a resource path (get, list, create, update, delete, deletecollection) mapped onto the apiserver pipeline.

import { badRequest, notFound } from "@/core/api/errors";
import { apiVersionOf, type ResourceType } from "@/core/api/resources";
import type { KubeObject } from "@/core/api/types";
import type { DeleteOptions, ListOptions, ListResult, ObjectClient, PropagationPolicy } from "@/core/store/types";
import type { ResourceRequest } from "./router";

/** A resolved resource request: its type is served. */
export type TypedRequest = ResourceRequest & { type: ResourceType };

/** The error target of a request's object (`deployments.apps "web"`). */
export function targetOf(req: TypedRequest, name = req.name) {
  return { group: req.type.group || undefined, kind: req.type.plural, name };
}

/** The namespace the request acts in (undefined for cluster-scoped types). */
export function namespaceOf(req: TypedRequest): string | undefined {
  return req.type.namespaced ? req.namespace : undefined;
}

/** One object or 404 NotFound. */
export function getOne(client: ObjectClient, req: TypedRequest): KubeObject {
  const obj = client.get(req.type, namespaceOf(req), req.name!);
  if (!obj) throw notFound(targetOf(req));
  return obj;
}

/** A `PodList`-shaped list document. */
export function listDocument(type: ResourceType, result: ListResult): KubeObject & { items: KubeObject[] } {
  const metadata: Record<string, unknown> = { resourceVersion: result.resourceVersion };
  if (result.continue) metadata.continue = result.continue;
  if (result.remainingItemCount !== undefined && result.continue) metadata.remainingItemCount = result.remainingItemCount;
  return { apiVersion: apiVersionOf(type), kind: `${type.kind}List`, metadata, items: result.items } as KubeObject & { items: KubeObject[] };
}

/** The list, with the request's selectors and paging. */
export function listObjects(client: ObjectClient, req: TypedRequest): ListResult {
  const q = req.query;
  return client.list(req.type, {
    ...(namespaceOf(req) ? { namespace: namespaceOf(req) } : {}),
    ...(q.labelSelector ? { labelSelector: q.labelSelector } : {}),
    ...(q.fieldSelector ? { fieldSelector: q.fieldSelector } : {}),
    ...(q.limit ? { limit: q.limit } : {}),
    ...(q.continue ? { continue: q.continue } : {}),
  });
}

/**
 * Checks a body object against the path: apiVersion/kind must be the path's type, the
 * namespace is filled in from the path (400 when they disagree), and on update the name must match.
 */
export function reconcileBody(req: TypedRequest, body: unknown): KubeObject {
  if (!body || typeof body !== "object" || Array.isArray(body)) throw badRequest("the body of the request must be a JSON object");
  const obj = body as KubeObject;
  obj.apiVersion ||= apiVersionOf(req.type);
  obj.kind ||= req.type.kind;
  if (obj.apiVersion !== apiVersionOf(req.type) || obj.kind !== req.type.kind) {
    throw badRequest(`the API version in the data (${obj.apiVersion}) does not match the expected API version (${apiVersionOf(req.type)}) or kind ${obj.kind} is not ${req.type.kind}`);
  }
  obj.metadata ??= {};
  const ns = namespaceOf(req);
  if (ns !== undefined) {
    if (obj.metadata.namespace && obj.metadata.namespace !== ns) {
      throw badRequest("the namespace of the provided object does not match the namespace sent on the request");
    }
    obj.metadata.namespace = ns;
  } else if (!req.type.namespaced) delete obj.metadata.namespace;
  if (req.name !== undefined && req.verb === "update" && obj.metadata.name !== req.name) {
    throw badRequest(`the name of the object (${obj.metadata.name ?? ""}) does not match the name on the URL (${req.name})`);
  }
  if (req.verb === "create" && req.type.namespaced && ns === undefined) throw notFoundNamespaceless(req);
  return obj;
}

function notFoundNamespaceless(req: TypedRequest) {
  return badRequest(`the server could not find the requested resource: ${req.type.plural} are namespaced; POST to /namespaces/<namespace>/${req.type.plural}`);
}

/** DeleteOptions from the query and an optional DeleteOptions body (the body wins, as in Kubernetes). */
export function deleteOptionsOf(req: TypedRequest, body?: Record<string, unknown>): DeleteOptions {
  const q = req.query;
  const opts: DeleteOptions = {};
  const grace = typeof body?.gracePeriodSeconds === "number" ? body.gracePeriodSeconds : q.gracePeriodSeconds;
  if (grace !== undefined) opts.gracePeriodSeconds = grace;
  let policy = (body?.propagationPolicy as PropagationPolicy | undefined) ?? q.propagationPolicy;
  if (!policy && typeof body?.orphanDependents === "boolean") policy = body.orphanDependents ? "Orphan" : "Background";
  if (policy) {
    if (!["Background", "Foreground", "Orphan"].includes(policy)) {
      throw badRequest(`propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan"`);
    }
    opts.propagationPolicy = policy;
  }
  const pre = body?.preconditions as DeleteOptions["preconditions"] | undefined;
  if (pre && (pre.uid || pre.resourceVersion)) opts.preconditions = pre;
  const dry = Array.isArray(body?.dryRun) && (body.dryRun as string[]).includes("All");
  if (q.dryRun || dry) opts.dryRun = true;
  return opts;
}

/** The apiserver pipeline's one-request deletecollection (core/apiserver PipelineClient). */
type CollectionDeleter = { deleteCollection(type: TypedRequest["type"], listOpts: ListOptions, opts?: DeleteOptions): Promise<ListResult> };

/**
 * Deletes every object the list selects (deletecollection); returns them as a list. The
 * pipeline's client does it as one request (authorized and audited once as `deletecollection`);
 * another client lists and deletes one by one.
 */
export async function deleteCollection(client: ObjectClient, req: TypedRequest, opts: DeleteOptions): Promise<KubeObject> {
  const deleter = client as ObjectClient & Partial<CollectionDeleter>;
  if (typeof deleter.deleteCollection === "function") {
    const q = req.query;
    const ns = namespaceOf(req);
    const listOpts: ListOptions = { ...(ns ? { namespace: ns } : {}), ...(q.labelSelector ? { labelSelector: q.labelSelector } : {}), ...(q.fieldSelector ? { fieldSelector: q.fieldSelector } : {}) };
    return listDocument(req.type, await deleter.deleteCollection(req.type, listOpts, opts));
  }
  const listed = listObjects(client, { ...req, query: { ...req.query, limit: undefined, continue: undefined } });
  const deleted: KubeObject[] = [];
  for (const o of listed.items) deleted.push(await client.delete(req.type, o.metadata.namespace, o.metadata.name!, opts));
  return listDocument(req.type, { items: deleted, resourceVersion: listed.resourceVersion });
}
