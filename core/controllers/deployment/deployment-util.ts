// Why: the arithmetic and bookkeeping of Kubernetes' deployment util package (fenceposts, revisions, replica annotations, conditions), kept pure for table tests.

import { rfc3339 } from "../../clock/clock";
import type { Deployment, DeploymentCondition, ReplicaSet } from "../../api/types";

export const REVISION_ANNOTATION = "deployment.kubernetes.io/revision";
export const REVISION_HISTORY_ANNOTATION = "deployment.kubernetes.io/revision-history";
export const DESIRED_REPLICAS_ANNOTATION = "deployment.kubernetes.io/desired-replicas";
export const MAX_REPLICAS_ANNOTATION = "deployment.kubernetes.io/max-replicas";
/** Deployment annotations never copied onto its ReplicaSets. */
const SKIP_ANNOTATIONS = new Set([
  "kubectl.kubernetes.io/last-applied-configuration",
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  "deprecated.deployment.rollback.to",
]);

/** Condition reasons, as Kubernetes writes them. */
export const Reason = {
  NewRSAvailable: "NewReplicaSetAvailable",
  NewRSCreated: "NewReplicaSetCreated",
  FoundNewRS: "FoundNewReplicaSet",
  RSUpdated: "ReplicaSetUpdated",
  TimedOut: "ProgressDeadlineExceeded",
  Paused: "DeploymentPaused",
  Resumed: "DeploymentResumed",
  MinimumReplicasAvailable: "MinimumReplicasAvailable",
  MinimumReplicasUnavailable: "MinimumReplicasUnavailable",
  FailedRSCreate: "ReplicaSetCreateError",
} as const;

type DStatus = NonNullable<Deployment["status"]>;
type IntOrString = number | string | undefined;

export const replicasOf = (d: Deployment): number => d.spec?.replicas ?? 1;
export const rsReplicas = (rs: ReplicaSet | undefined): number => rs?.spec?.replicas ?? 0;
export const isRollingUpdate = (d: Deployment): boolean => (d.spec?.strategy?.type ?? "RollingUpdate") === "RollingUpdate";
/** Progress deadline in seconds; unset means the default 600 (absent defaulting). */
export const progressDeadline = (d: Deployment): number => d.spec?.progressDeadlineSeconds ?? 600;
export const revisionHistoryLimit = (d: Deployment): number => d.spec?.revisionHistoryLimit ?? 10;

/** intstr.GetScaledValueFromIntOrPercent: a percentage of `total`, rounded up or down. */
export function scaledValue(v: IntOrString, total: number, roundUp: boolean): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === "number") return v;
  const m = /^(\d+)%$/.exec(v.trim());
  if (!m) {
    const n = Number(v);
    return Number.isFinite(n) ? n : 0;
  }
  const x = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

/** Surge (rounded up) and unavailable (rounded down); when both resolve to 0, unavailable becomes 1 (ResolveFenceposts). */
export function resolveFenceposts(d: Deployment): { surge: number; unavailable: number } {
  const ru = d.spec?.strategy?.rollingUpdate;
  const desired = replicasOf(d);
  const surge = scaledValue(ru?.maxSurge ?? "25%", desired, true);
  let unavailable = scaledValue(ru?.maxUnavailable ?? "25%", desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

export function maxSurge(d: Deployment): number {
  return isRollingUpdate(d) ? resolveFenceposts(d).surge : 0;
}

export function maxUnavailable(d: Deployment): number {
  const desired = replicasOf(d);
  if (!isRollingUpdate(d) || desired === 0) return 0;
  return Math.min(resolveFenceposts(d).unavailable, desired);
}

export function revisionOf(obj: { metadata: { annotations?: Record<string, string> } } | undefined): number {
  const v = Number(obj?.metadata.annotations?.[REVISION_ANNOTATION] ?? "0");
  return Number.isInteger(v) ? v : 0;
}

export function maxRevision(sets: readonly ReplicaSet[]): number {
  return sets.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
}

const createdAt = (rs: ReplicaSet) => Date.parse(rs.metadata.creationTimestamp ?? "") || 0;
const byNameTie = (a: ReplicaSet, b: ReplicaSet) => ((a.metadata.name ?? "") < (b.metadata.name ?? "") ? -1 : (a.metadata.name ?? "") > (b.metadata.name ?? "") ? 1 : 0);
/** Oldest first (ReplicaSetsByCreationTimestamp). */
export const byCreation = (a: ReplicaSet, b: ReplicaSet) => createdAt(a) - createdAt(b) || byNameTie(a, b);
/** Larger first, newer first on ties (ReplicaSetsBySizeNewer). */
export const bySizeNewer = (a: ReplicaSet, b: ReplicaSet) => rsReplicas(b) - rsReplicas(a) || createdAt(b) - createdAt(a) || byNameTie(b, a);
/** Larger first, older first on ties (ReplicaSetsBySizeOlder). */
export const bySizeOlder = (a: ReplicaSet, b: ReplicaSet) => rsReplicas(b) - rsReplicas(a) || byCreation(a, b);
/** Lowest revision first, then oldest (ReplicaSetsByRevision). */
export const byRevision = (a: ReplicaSet, b: ReplicaSet) => revisionOf(a) - revisionOf(b) || byCreation(a, b);

export const activeSets = (sets: readonly (ReplicaSet | undefined)[]): ReplicaSet[] => sets.filter((rs): rs is ReplicaSet => !!rs && rsReplicas(rs) > 0);
export const sumSpec = (sets: readonly (ReplicaSet | undefined)[]) => sets.reduce((n, rs) => n + rsReplicas(rs), 0);
export const sumStatus = (sets: readonly (ReplicaSet | undefined)[]) => sets.reduce((n, rs) => n + (rs?.status?.replicas ?? 0), 0);
export const sumReady = (sets: readonly (ReplicaSet | undefined)[]) => sets.reduce((n, rs) => n + (rs?.status?.readyReplicas ?? 0), 0);
export const sumAvailable = (sets: readonly (ReplicaSet | undefined)[]) => sets.reduce((n, rs) => n + (rs?.status?.availableReplicas ?? 0), 0);

/**
 * Available pods a scale-down may count on: a ReplicaSet just scaled down still reports the
 * pods it is about to delete until its controller catches up, so each set counts at most its
 * desired replicas. Counting the stale figure would scale old sets down twice for one step
 * and drop availability below replicas − maxUnavailable.
 */
export const sumAvailableForScaleDown = (sets: readonly (ReplicaSet | undefined)[]) =>
  sets.reduce((n, rs) => n + Math.min(rs?.status?.availableReplicas ?? 0, rsReplicas(rs)), 0);

/** Set desired-replicas and max-replicas annotations; true when they changed. */
export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  const a = (rs.metadata.annotations ??= {});
  let changed = false;
  if (a[DESIRED_REPLICAS_ANNOTATION] !== String(desired)) {
    a[DESIRED_REPLICAS_ANNOTATION] = String(desired);
    changed = true;
  }
  if (a[MAX_REPLICAS_ANNOTATION] !== String(max)) {
    a[MAX_REPLICAS_ANNOTATION] = String(max);
    changed = true;
  }
  return changed;
}

export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, desired: number, max: number): boolean {
  const a = rs.metadata.annotations ?? {};
  return a[DESIRED_REPLICAS_ANNOTATION] !== String(desired) || a[MAX_REPLICAS_ANNOTATION] !== String(max);
}

/**
 * SetNewReplicaSetAnnotations: copy the Deployment's annotations, raise the revision to
 * `newRevision` (remembering the old one in revision-history, as on a rollback), and for a
 * new ReplicaSet set the replica annotations. True when anything changed.
 */
export function setNewReplicaSetAnnotations(d: Deployment, rs: ReplicaSet, newRevision: number, exists: boolean): boolean {
  const a = (rs.metadata.annotations ??= {});
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (SKIP_ANNOTATIONS.has(k) || a[k] === v) continue;
    a[k] = v;
    changed = true;
  }
  const oldRaw = a[REVISION_ANNOTATION];
  const old = revisionOf(rs);
  if (old < newRevision) {
    a[REVISION_ANNOTATION] = String(newRevision);
    changed = true;
    if (oldRaw !== undefined) {
      const hist = a[REVISION_HISTORY_ANNOTATION];
      a[REVISION_HISTORY_ANNOTATION] = hist ? `${hist},${oldRaw}` : oldRaw;
    }
  }
  if (!exists && setReplicasAnnotations(rs, replicasOf(d), replicasOf(d) + maxSurge(d))) changed = true;
  return changed;
}

/** Set the Deployment's revision annotation; true when it changed. */
export function setDeploymentRevision(d: Deployment, revision: string): boolean {
  const a = (d.metadata.annotations ??= {});
  if (a[REVISION_ANNOTATION] === revision) return false;
  a[REVISION_ANNOTATION] = revision;
  return true;
}

export function newCondition(type: string, status: "True" | "False" | "Unknown", reason: string, message: string, now: number): DeploymentCondition {
  const t = rfc3339(now);
  return { type, status, reason, message, lastUpdateTime: t, lastTransitionTime: t };
}

export function getCondition(s: DStatus | undefined, type: string): DeploymentCondition | undefined {
  return s?.conditions?.find((c) => c.type === type);
}

/** SetDeploymentCondition: no change when status and reason are equal; keeps lastTransitionTime when only the reason changes. */
export function setCondition(s: DStatus, c: DeploymentCondition): void {
  const cur = getCondition(s, c.type);
  if (cur && cur.status === c.status && cur.reason === c.reason) return;
  if (cur && cur.status === c.status) c = { ...c, lastTransitionTime: cur.lastTransitionTime };
  s.conditions = [...(s.conditions ?? []).filter((x) => x.type !== c.type), c];
}

export function removeCondition(s: DStatus, type: string): void {
  if (!s.conditions) return;
  s.conditions = s.conditions.filter((x) => x.type !== type);
}

/** DeploymentComplete: every replica updated and available, and the newest spec observed. */
export function deploymentComplete(d: Deployment, s: DStatus): boolean {
  const want = replicasOf(d);
  return (s.updatedReplicas ?? 0) === want && (s.replicas ?? 0) === want && (s.availableReplicas ?? 0) === want && (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
}

/** DeploymentProgressing: more updated, ready or available replicas, or fewer old ones, than before. */
export function deploymentProgressing(d: Deployment, s: DStatus): boolean {
  const o = d.status ?? {};
  const oldOld = (o.replicas ?? 0) - (o.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (s.updatedReplicas ?? 0) > (o.updatedReplicas ?? 0) || (s.readyReplicas ?? 0) > (o.readyReplicas ?? 0) || newOld < oldOld || (s.availableReplicas ?? 0) > (o.availableReplicas ?? 0);
}

/** DeploymentTimedOut: the Progressing condition was last updated longer than the deadline ago. */
export function deploymentTimedOut(d: Deployment, s: DStatus, now: number): boolean {
  const c = getCondition(s, "Progressing");
  if (!c) return false;
  if (c.reason === Reason.TimedOut) return true;
  if (c.reason === Reason.NewRSAvailable) return false;
  const from = Date.parse(c.lastUpdateTime ?? "");
  return Number.isFinite(from) && from + progressDeadline(d) * 1000 < now;
}

/** calculateStatus: counts from the ReplicaSets and the Available condition. */
export function calculateStatus(all: readonly ReplicaSet[], newRS: ReplicaSet | undefined, d: Deployment, now: number): DStatus {
  const available = sumAvailable(all);
  const total = sumSpec(all);
  const s: DStatus = {
    observedGeneration: d.metadata.generation ?? 0,
    replicas: sumStatus(all),
    updatedReplicas: sumStatus(newRS ? [newRS] : []),
    readyReplicas: sumReady(all),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, total - available),
  };
  if (d.status?.collisionCount !== undefined) s.collisionCount = d.status.collisionCount;
  s.conditions = (d.status?.conditions ?? []).map((c) => ({ ...c }));
  if (available >= replicasOf(d) - maxUnavailable(d)) {
    setCondition(s, newCondition("Available", "True", Reason.MinimumReplicasAvailable, "Deployment has minimum availability.", now));
  } else {
    setCondition(s, newCondition("Available", "False", Reason.MinimumReplicasUnavailable, "Deployment does not have minimum availability.", now));
  }
  return s;
}
