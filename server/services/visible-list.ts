// Why: a list across namespaces shows what the user may list (the namespaces they were granted) instead of failing whole, for GraphQL and the console alike; single-scope lists still answer 403.

import { badRequest } from "@/core/api/errors";
import { resourceTypeByPlural, type ResourceType } from "@/core/api/resources";
import type { KubeObject, Namespace } from "@/core/api/types";
import type { AuthorizationAttributes } from "@/core/apiserver/authorizer";
import type { UserInfo } from "@/core/apiserver/types";
import type { ListOptions, ListResult } from "@/core/store/types";
import type { ClusterRuntime } from "@/server/runtime/types";
import { checkLimit } from "./list-objects";
import { decodePageToken, encodePageToken } from "./page-token";
import { resolveKind } from "./resolve-kind";

/** The core `namespaces` type. */
export const NAMESPACES: ResourceType = resourceTypeByPlural("", "namespaces")!;

/** Whether `type` is the core `namespaces`. */
export function isNamespaces(type: ResourceType): boolean {
  return type.group === "" && type.plural === "namespaces";
}

/** Whether `user` may make the request (no error either way). */
export function userMay(rt: ClusterRuntime, user: UserInfo, req: Omit<AuthorizationAttributes, "user">): boolean {
  return rt.apiServer.authorizer.authorize({ ...req, user }).allowed;
}

/** The attributes of `verb` on `type` (a namespace only for namespaced types, as the apiserver's RequestInfo). */
export function verbOn(verb: string, type: ResourceType, namespace?: string): Omit<AuthorizationAttributes, "user"> {
  return { verb, group: type.group, resource: type.plural, ...(type.namespaced && namespace ? { namespace } : {}) };
}

/** Whether the user may see namespace `name`: Kubernetes' attributes of `GET /api/v1/namespaces/<name>` (namespace = name, so a RoleBinding there counts). */
export function canSeeNamespace(rt: ClusterRuntime, user: UserInfo, name: string, verb = "get"): boolean {
  return userMay(rt, user, { verb, group: "", resource: "namespaces", namespace: name, name });
}

/**
 * The names (sorted) of the existing namespaces in which the user may do `verb` on `type`,
 * and the store's resourceVersion. Reads the namespace names from the trusted store: they are
 * only used to ask the authorizer, never returned.
 */
export function namespacesWhere(rt: ClusterRuntime, user: UserInfo, verb: string, type: ResourceType): { names: string[]; resourceVersion: string } {
  const all = rt.store.list<Namespace>(NAMESPACES);
  const names = all.items
    .map((n) => n.metadata.name ?? "")
    .filter((ns) => ns !== "" && userMay(rt, user, verbOn(verb, type, ns)))
    .sort();
  return { names, resourceVersion: all.resourceVersion };
}

function selectors(opts: ListOptions): ListOptions {
  return { ...(opts.labelSelector ? { labelSelector: opts.labelSelector } : {}), ...(opts.fieldSelector ? { fieldSelector: opts.fieldSelector } : {}) };
}

/** One page across `namespaces` (sorted), each namespace listed through the pipeline as the user; the token records where to resume. */
function listAcross<T extends KubeObject>(rt: ClusterRuntime, user: UserInfo, type: ResourceType, namespaces: string[], fallbackRV: string, opts: ListOptions): ListResult<T> {
  const state = opts.continue ? decodePageToken(opts.continue) : undefined;
  if (state && !state.ns) throw badRequest("continue key is not valid: it belongs to another list");
  const limit = opts.limit ?? Infinity;
  const client = rt.apiServer.client(user);
  const items: T[] = [];
  let rv = state?.rv;
  const start = state?.ns ? namespaces.findIndex((n) => n >= state.ns!) : 0;
  let inner = state?.ns && namespaces[start] === state.ns ? state.c : undefined;
  for (let i = start < 0 ? namespaces.length : start; i < namespaces.length; i++) {
    const ns = namespaces[i];
    const page = client.list<T>(type, { ...selectors(opts), namespace: ns, ...(limit < Infinity ? { limit: limit - items.length } : {}), ...(inner ? { continue: inner } : {}) });
    inner = undefined;
    rv ??= page.resourceVersion;
    items.push(...page.items);
    if (page.continue) return { items, resourceVersion: rv, continue: encodePageToken({ rv, ns, c: page.continue }) };
    if (items.length >= limit) {
      const next = namespaces[i + 1];
      return { items, resourceVersion: rv, ...(next ? { continue: encodePageToken({ rv, ns: next }) } : {}) };
    }
  }
  return { items, resourceVersion: rv ?? fallbackRV };
}

/** Namespaces the user may see one by one (no cluster-wide list): each authorized by name before it is returned, paged by name. */
function listVisibleNamespaces<T extends KubeObject>(rt: ClusterRuntime, user: UserInfo, opts: ListOptions): ListResult<T> {
  const state = opts.continue ? decodePageToken(opts.continue) : undefined;
  if (state && state.ns) throw badRequest("continue key is not valid: it belongs to another list");
  const all = rt.store.list<T>(NAMESPACES, selectors(opts));
  const rv = state?.rv ?? all.resourceVersion;
  const visible = all.items
    .filter((n) => canSeeNamespace(rt, user, n.metadata.name ?? ""))
    .filter((n) => !state?.after || (n.metadata.name ?? "") > state.after)
    .sort((a, b) => (a.metadata.name ?? "").localeCompare(b.metadata.name ?? ""));
  const limit = opts.limit ?? Infinity;
  if (visible.length <= limit) return { items: visible, resourceVersion: rv };
  const items = visible.slice(0, limit);
  return { items, resourceVersion: rv, continue: encodePageToken({ rv, after: items[items.length - 1].metadata.name }), remainingItemCount: visible.length - items.length };
}

/**
 * Lists `kind` as `user`, showing what they may list:
 * - one namespace, or a cluster-scoped kind: the pipeline's list (403 Forbidden when refused);
 * - all namespaces with cluster-wide `list`: the pipeline's list;
 * - all namespaces without it: the namespaces where the user may `list` that resource, each
 *   listed through the pipeline, merged and paged with an opaque token (no error for the others;
 *   nothing at all is an empty list);
 * - `namespaces` without cluster-wide `list`: those the user may `get` by name.
 */
export function listVisible<T extends KubeObject = KubeObject>(rt: ClusterRuntime, user: UserInfo, kind: string | ResourceType, opts: ListOptions = {}): ListResult<T> {
  const type = resolveKind(kind);
  checkLimit(opts.limit);
  const { namespace, ...rest } = opts;
  const client = rt.apiServer.client(user);
  if (isNamespaces(type)) return userMay(rt, user, verbOn("list", type)) ? client.list<T>(type, rest) : listVisibleNamespaces<T>(rt, user, rest);
  if (!type.namespaced) return client.list<T>(type, rest);
  if (namespace) return client.list<T>(type, { ...rest, namespace });
  if (userMay(rt, user, verbOn("list", type))) return client.list<T>(type, rest);
  const { names, resourceVersion } = namespacesWhere(rt, user, "list", type);
  return listAcross<T>(rt, user, type, names, resourceVersion, rest);
}
