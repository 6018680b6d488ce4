// Why: `kubectl drain` and node-pressure tooling remove pods by POSTing a policy/v1 Eviction to pods/{name}/eviction rather than deleting them.

import { badRequest, isReason } from "@/core/api/errors";
import { resourceTypeByPlural } from "@/core/api/resources";
import type { KubeObject, Pod, PodCondition } from "@/core/api/types";
import type { UserInfo } from "@/core/apiserver/types";
import { rfc3339 } from "@/core/clock/clock";
import type { DeleteOptions, PropagationPolicy } from "@/core/store/types";
import type { ClusterRuntime } from "@/server/runtime/types";
import { authorizeSubresource, mustGet, writerFor } from "./access";
import { successStatus, type SuccessStatus } from "./success-status";

/** meta/v1 DeleteOptions as an Eviction carries them. */
export interface EvictionDeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: PropagationPolicy;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: string[];
}

/** policy/v1 Eviction (policy/v1beta1 has the same shape). */
export interface Eviction extends KubeObject {
  deleteOptions?: EvictionDeleteOptions;
}

export interface EvictOptions {
  /** dryRun=All on the request. */
  dryRun?: boolean;
}

const PODS = resourceTypeByPlural("", "pods")!;
const RETRIES = 5;

function dryRunOf(eviction: Eviction, opts: EvictOptions): boolean {
  const body = eviction.deleteOptions?.dryRun ?? [];
  const bodyAll = body.includes("All");
  if (opts.dryRun && body.length && !bodyAll) throw badRequest(`Non-matching dry-run options in request and content: [All] and [${body.join(" ")}]`);
  return !!opts.dryRun || bodyAll;
}

/**
 * Evicts a pod: marks it with the DisruptionTarget condition (reason EvictionByEvictionAPI),
 * then deletes it with the Eviction's deleteOptions (grace period, preconditions, propagation).
 * Returns the Status to send with HTTP 201. PodDisruptionBudgets are not served yet, so no
 * budget can refuse an eviction (429 TooManyRequests comes with them); the check point is
 * marked in the code.
 */
export async function evict(rt: ClusterRuntime, user: UserInfo, namespace: string | undefined, podName: string, eviction: Eviction, opts: EvictOptions = {}): Promise<SuccessStatus> {
  const ns = namespace || "default";
  authorizeSubresource(rt, user, "create", PODS, ns, podName, "eviction");
  if (!eviction || typeof eviction !== "object") throw badRequest("the body of the request is not an Eviction");
  if (eviction.metadata?.name !== podName) throw badRequest("name in URL does not match name in Eviction object");
  const dryRun = dryRunOf(eviction, opts);
  const given = eviction.deleteOptions ?? {};
  const retryConflicts = !given.preconditions?.resourceVersion;
  for (let attempt = 1; ; attempt++) {
    const pod = mustGet<Pod>(rt, user, PODS, ns, podName, "eviction");
    // Kubernetes consults PodDisruptionBudgets here unless the pod is Succeeded, Failed, Pending or
    // already terminating; none are served yet, so every eviction is allowed.
    const del: DeleteOptions = {
      ...(given.gracePeriodSeconds !== undefined ? { gracePeriodSeconds: given.gracePeriodSeconds } : {}),
      ...(given.propagationPolicy ? { propagationPolicy: given.propagationPolicy } : {}),
      ...(given.preconditions ? { preconditions: { ...given.preconditions } } : {}),
      ...(dryRun ? { dryRun: true } : {}),
    };
    try {
      if (!dryRun) {
        const marked = await markDisruptionTarget(rt, user, pod, given.preconditions);
        // The condition write bumped the resourceVersion the caller pinned: pin the new one, as Kubernetes does.
        if (del.preconditions?.resourceVersion && marked) del.preconditions.resourceVersion = marked.metadata.resourceVersion;
      }
      await writerFor(rt, user, "eviction").delete(PODS, ns, podName, del);
      return successStatus(201);
    } catch (e) {
      if (!retryConflicts || !isReason(e, "Conflict") || attempt >= RETRIES) throw e;
    }
  }
}

/** Adds DisruptionTarget=True (EvictionByEvictionAPI) through the status subresource; checks the caller's preconditions first. */
async function markDisruptionTarget(rt: ClusterRuntime, user: UserInfo, pod: Pod, pre: EvictionDeleteOptions["preconditions"]): Promise<Pod | undefined> {
  if (pod.metadata.deletionTimestamp) return undefined;
  const next = structuredClone(pod) as Pod;
  if (pre?.uid) next.metadata.uid = pre.uid;
  if (pre?.resourceVersion) next.metadata.resourceVersion = pre.resourceVersion;
  const conditions: PodCondition[] = (next.status?.conditions ?? []).filter((c) => c.type !== "DisruptionTarget");
  conditions.push({ type: "DisruptionTarget", status: "True", reason: "EvictionByEvictionAPI", message: "Eviction API: evicting", lastTransitionTime: rfc3339(rt.clock.now()) });
  next.status = { ...next.status, conditions };
  return writerFor(rt, user, "eviction").update(next, { subresource: "status" });
}
