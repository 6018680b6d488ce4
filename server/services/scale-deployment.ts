// Why: `kubectl scale deployment` for the console and GraphQL, retrying on write conflicts with the controllers.

import { CauseType, invalid, isReason } from "@/core/api/errors";
import { resourceTypeByKind } from "@/core/api/resources";
import type { Deployment } from "@/core/api/types";
import type { AuditSource } from "@/core/apiserver/audit";
import type { UserInfo } from "@/core/apiserver/types";
import type { ClusterRuntime } from "@/server/runtime/types";
import type { ObjectClient } from "@/core/store/types";
import { getObject } from "./get-object";

const ATTEMPTS = 5;

export interface ScaleDeploymentOptions {
  /** The transport asking, recorded in the audit log. */
  source?: AuditSource;
}

/**
 * Sets `spec.replicas` of a Deployment as `user` and returns the updated object. The write goes
 * through the scale subresource, so it is authorized as `update deployments/scale` (as kubectl
 * scale needs `deployments/scale`, not `update deployments`). A negative or fractional count is
 * 422 Invalid (field `spec.replicas`); absent is 404. Conflicts with concurrent writers are
 * retried on a fresh read.
 */
export async function scaleDeployment(rt: ClusterRuntime, user: UserInfo, namespace: string | undefined, name: string, replicas: number, opts: ScaleDeploymentOptions = {}): Promise<Deployment> {
  if (!Number.isInteger(replicas) || replicas < 0) {
    throw invalid({ group: "apps", kind: "Deployment", name }, [
      { reason: CauseType.Invalid, field: "spec.replicas", message: `Invalid value: ${replicas}: must be greater than or equal to 0` },
    ]);
  }
  const type = resourceTypeByKind("apps", "Deployment")!;
  for (let attempt = 1; ; attempt++) {
    const current = await getObject<Deployment>(rt, user, type, namespace, name);
    if (current.spec?.replicas === replicas) return current;
    const next = structuredClone(current);
    next.spec = { ...next.spec!, replicas };
    try {
      return await rt.apiServer.client(user, opts.source ? { source: opts.source } : {}).update(next, { managedSubresource: "scale" } as Parameters<ObjectClient["update"]>[1]);
    } catch (e) {
      if (!isReason(e, "Conflict") || attempt >= ATTEMPTS) throw e;
    }
  }
}
