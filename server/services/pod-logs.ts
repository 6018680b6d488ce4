// Why: `kubectl logs` for the console and GraphQL: the pod is read as the user first, so authorization and 404s apply.

import type { Pod } from "@/core/api/types";
import type { UserInfo } from "@/core/apiserver/types";
import type { ClusterRuntime, LogOptions } from "@/server/runtime/types";
import { getObject } from "./get-object";

export type PodLogOptions = LogOptions;

/**
 * The log of one container of a pod (the only container when `container` is omitted), as
 * `kubectl logs` prints it. Errors are Kubernetes': 404 for a missing pod, 400 when the pod
 * has several containers and none is named, or when `previous` has no terminated instance.
 */
export async function podLogs(rt: ClusterRuntime, user: UserInfo, namespace: string | undefined, name: string, container?: string, opts: PodLogOptions = {}): Promise<string> {
  const pod = await getObject<Pod>(rt, user, "pods", namespace, name);
  return rt.readLogs(pod.metadata.namespace!, name, container || undefined, opts);
}
