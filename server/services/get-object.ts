// Why: the one way transports and the console read a single object as the user, with Kubernetes' 404 when it is absent.

import { notFound } from "@/core/api/errors";
import type { ResourceType } from "@/core/api/resources";
import type { KubeObject } from "@/core/api/types";
import type { UserInfo } from "@/core/apiserver/types";
import type { ClusterRuntime } from "@/server/runtime/types";
import { resolveKind } from "./resolve-kind";

/** The namespace kubectl uses when none is given. */
export const DEFAULT_NAMESPACE = "default";

/**
 * Reads one object as `user`. Namespaced kinds default to the `default` namespace;
 * cluster-scoped kinds ignore `namespace`. Absent: ApiError 404 NotFound
 * (`pods "web" not found`). `apiVersion` pins the version when given.
 */
export async function getObject<T extends KubeObject = KubeObject>(
  rt: ClusterRuntime,
  user: UserInfo,
  kind: string | ResourceType,
  namespace: string | undefined,
  name: string,
  apiVersion?: string,
): Promise<T> {
  const type = resolveKind(kind, apiVersion);
  const ns = type.namespaced ? namespace || DEFAULT_NAMESPACE : undefined;
  const obj = rt.apiServer.client(user).get<T>(type, ns, name);
  if (!obj) throw notFound({ group: type.group || undefined, kind: type.plural, name });
  return obj;
}
