// Why: the one way transports and the console list objects of a kind, as the user, page by page.

import { badRequest } from "@/core/api/errors";
import type { ResourceType } from "@/core/api/resources";
import type { KubeObject } from "@/core/api/types";
import type { UserInfo } from "@/core/apiserver/types";
import type { ListOptions, ListResult } from "@/core/store/types";
import type { ClusterRuntime } from "@/server/runtime/types";
import { resolveKind } from "./resolve-kind";

/** The most objects one list call may return; larger lists are paged with `continue`. */
export const MAX_LIST_LIMIT = 5000;

export type ListObjectsOptions = ListOptions;

/** Checks a page size: a positive integer no larger than {@link MAX_LIST_LIMIT}. */
export function checkLimit(limit: number | undefined): void {
  if (limit === undefined) return;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) {
    throw badRequest(`limit must be an integer between 1 and ${MAX_LIST_LIMIT}, got ${limit}`);
  }
}

/**
 * Lists objects of `kind` (any name kubectl accepts) as `user`, through the apiserver so
 * authorization applies. `namespace` is ignored for cluster-scoped kinds; omit it for all
 * namespaces. Without `limit`, every match is returned.
 */
export async function listObjects<T extends KubeObject = KubeObject>(
  rt: ClusterRuntime,
  user: UserInfo,
  kind: string | ResourceType,
  opts: ListObjectsOptions = {},
): Promise<ListResult<T>> {
  const type = resolveKind(kind);
  checkLimit(opts.limit);
  const { namespace, ...rest } = opts;
  const scoped: ListOptions = type.namespaced && namespace ? { ...rest, namespace } : rest;
  return rt.apiServer.client(user).list<T>(type, scoped);
}
