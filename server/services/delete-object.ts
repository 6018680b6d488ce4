// Why: one delete use case for GraphQL and the console, with kubectl's propagation policies and grace periods.

import type { ResourceType } from "@/core/api/resources";
import type { KubeObject } from "@/core/api/types";
import type { AuditSource } from "@/core/apiserver/audit";
import type { UserInfo } from "@/core/apiserver/types";
import type { DeleteOptions } from "@/core/store/types";
import type { ClusterRuntime } from "@/server/runtime/types";
import { DEFAULT_NAMESPACE } from "./get-object";
import { resolveKind } from "./resolve-kind";

export type DeleteObjectOptions = DeleteOptions & {
  apiVersion?: string;
  /** The transport asking, recorded in the audit log. */
  source?: AuditSource;
};

/**
 * Deletes one object as `user`. Returns the object as deleted, or as marked for deletion
 * (deletionTimestamp set) when finalizers or a grace period remain. Absent: 404 NotFound.
 */
export async function deleteObject(
  rt: ClusterRuntime,
  user: UserInfo,
  kind: string | ResourceType,
  namespace: string | undefined,
  name: string,
  opts: DeleteObjectOptions = {},
): Promise<KubeObject> {
  const { apiVersion, source, ...deleteOpts } = opts;
  const type = resolveKind(kind, apiVersion);
  const ns = type.namespaced ? namespace || DEFAULT_NAMESPACE : undefined;
  return rt.apiServer.client(user, source ? { source } : {}).delete(type, ns, name, deleteOpts);
}
