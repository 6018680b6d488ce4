// Why: the ReplicaSet status fields (replicas, fullyLabeledReplicas, readyReplicas, availableReplicas, ReplicaFailure) as Kubernetes computes them.

import { rfc3339 } from "../../clock/clock";
import { isReason } from "../../api/errors";
import type { Pod, ReplicaSet } from "../../api/types";
import { isPodAvailable, isPodReady, podReadySince } from "../pod-util";

type RSStatus = NonNullable<ReplicaSet["status"]>;

/** Status from the pods the ReplicaSet controls; a failed create/delete becomes a ReplicaFailure condition. */
export function calculateReplicaSetStatus(rs: ReplicaSet, pods: readonly Pod[], manageError: unknown, now: number): RSStatus {
  const tplLabels = rs.spec?.template?.metadata?.labels ?? {};
  const minReady = rs.spec?.minReadySeconds ?? 0;
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const p of pods) {
    const labels = p.metadata.labels ?? {};
    if (Object.entries(tplLabels).every(([k, v]) => labels[k] === v)) fullyLabeled++;
    if (isPodReady(p)) ready++;
    if (isPodAvailable(p, minReady, now)) available++;
  }
  const status: RSStatus = {
    replicas: pods.length,
    fullyLabeledReplicas: fullyLabeled,
    readyReplicas: ready,
    availableReplicas: available,
    observedGeneration: rs.metadata.generation ?? 0,
  };
  const conditions = (rs.status?.conditions ?? []).filter((c) => c.type !== "ReplicaFailure");
  const failure = rs.status?.conditions?.find((c) => c.type === "ReplicaFailure");
  if (manageError && !isReason(manageError, "Conflict")) {
    const want = rs.spec?.replicas ?? 1;
    const reason = pods.length < want ? "FailedCreate" : "FailedDelete";
    const message = manageError instanceof Error ? manageError.message : String(manageError);
    conditions.push(failure && failure.reason === reason && failure.message === message ? failure : { type: "ReplicaFailure", status: "True", reason, message, lastTransitionTime: rfc3339(now) });
  }
  if (conditions.length > 0) status.conditions = conditions;
  return status;
}

/** True when two statuses are the same (field order ignored). */
export function replicaSetStatusEqual(a: RSStatus | undefined, b: RSStatus): boolean {
  const norm = (s: RSStatus | undefined) =>
    JSON.stringify({
      replicas: s?.replicas ?? 0,
      fullyLabeledReplicas: s?.fullyLabeledReplicas ?? 0,
      readyReplicas: s?.readyReplicas ?? 0,
      availableReplicas: s?.availableReplicas ?? 0,
      observedGeneration: s?.observedGeneration ?? 0,
      conditions: s?.conditions ?? [],
    });
  return norm(a) === norm(b);
}

/** Milliseconds until the next ready pod becomes available under minReadySeconds, or undefined when none is waiting. */
export function nextAvailableCheck(rs: ReplicaSet, pods: readonly Pod[], now: number): number | undefined {
  const minReady = rs.spec?.minReadySeconds ?? 0;
  if (!minReady) return undefined;
  let next: number | undefined;
  for (const p of pods) {
    const since = podReadySince(p);
    if (since === undefined || isPodAvailable(p, minReady, now)) continue;
    const wait = since + minReady * 1000 - now;
    if (next === undefined || wait < next) next = wait;
  }
  return next === undefined ? undefined : Math.max(1, next);
}
