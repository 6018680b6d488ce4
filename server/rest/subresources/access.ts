// Why: subresource handlers share two steps: authorize the subresource itself (`deployments/scale`, `pods/eviction`), then read and write the parent as the user without authorizing it again.

import { ApiError, notFound } from "@/core/api/errors";
import { resourceTypeByPlural, type ResourceType } from "@/core/api/resources";
import type { KubeObject } from "@/core/api/types";
import type { UserInfo } from "@/core/apiserver/types";
import type { ObjectClient } from "@/core/store/types";
import type { ClusterRuntime } from "@/server/runtime/types";

/** A resource type, or its plural with an optional group (`deployments`, `deployments.apps`, `pods`). */
export type TypeRef = ResourceType | string;

/** The ResourceType a handler was given; 404 NotFound for a plural the cluster does not serve. */
export function typeOf(ref: TypeRef): ResourceType {
  if (typeof ref !== "string") return ref;
  const dot = ref.indexOf(".");
  const plural = dot < 0 ? ref : ref.slice(0, dot);
  const group = dot < 0 ? "" : ref.slice(dot + 1);
  const t = resourceTypeByPlural(group, plural) ?? (dot < 0 ? resourceTypeByPlural("apps", plural) : undefined);
  if (!t) {
    throw new ApiError({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message: "the server could not find the requested resource", reason: "NotFound", code: 404, details: { kind: plural, ...(group ? { group } : {}) } });
  }
  return t;
}

/** The namespace a call addresses: undefined for cluster-scoped types, "default" when a namespaced call names none. */
export function namespaceFor(type: ResourceType, namespace: string | undefined): string | undefined {
  return type.namespaced ? namespace || "default" : undefined;
}

/**
 * Authorizes `verb` on `type/subresource` as Kubernetes' RBAC sees it. The handler then reads
 * and writes the parent through {@link writerFor}, which does not authorize it again.
 */
export function authorizeSubresource(rt: ClusterRuntime, user: UserInfo, verb: string, type: ResourceType, namespace: string | undefined, name: string, subresource: string): void {
  rt.apiServer.authorize({
    user,
    verb,
    group: type.group,
    resource: type.plural,
    subresource,
    ...(type.namespaced && namespace ? { namespace } : {}),
    name,
  });
}

/** Who a subresource write is recorded as in managedFields (the request's fieldManager or User-Agent prefix). */
export interface WriterOptions {
  fieldManager?: string;
}

/**
 * The pipeline client a subresource handler reads and writes the parent through once it has
 * authorized the subresource request itself (authorizeSubresource): it acts as `user` (admission,
 * managedFields as `opts.fieldManager`) without authorizing the parent again, as Kubernetes'
 * subresource storage does (`kubectl scale` needs `patch deployments/scale`, not `update deployments`).
 */
export function writerFor(rt: ClusterRuntime, user: UserInfo, subresource: string, opts: WriterOptions = {}): ObjectClient {
  return rt.apiServer.client(user, { authorizedSubresource: subresource, ...(opts.fieldManager ? { fieldManager: opts.fieldManager } : {}) });
}

/** The parent object of an authorized subresource request; 404 NotFound (`deployments.apps "web" not found`) when absent. */
export function mustGet<T extends KubeObject>(rt: ClusterRuntime, user: UserInfo, type: ResourceType, namespace: string | undefined, name: string, subresource: string): T {
  const obj = writerFor(rt, user, subresource).get<T>(type, namespaceFor(type, namespace), name);
  if (!obj) throw notFound({ group: type.group || undefined, kind: type.plural, name });
  return obj;
}
