// Why: when scaling down, which pods go first matters (users see it); this is Kubernetes' ActivePodsWithRanks order.

import type { Pod } from "../../api/types";
import { isPodReady, podReadySince, podRestarts } from "../pod-util";

const PHASE_ORDER: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/** `controller.kubernetes.io/pod-deletion-cost`: pods with lower cost are deleted first. */
export const POD_DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";

function deletionCost(p: Pod): number {
  const v = Number(p.metadata.annotations?.[POD_DELETION_COST] ?? "0");
  return Number.isFinite(v) ? v : 0;
}

function created(p: Pod): number {
  const t = p.metadata.creationTimestamp ? Date.parse(p.metadata.creationTimestamp) : NaN;
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
}

/**
 * Negative when `a` should be deleted before `b`: unassigned before assigned, Pending before
 * Unknown before Running, not ready before ready, lower deletion cost first, more pods of
 * the same owner on its node (rank) first, ready for less time first, more restarts first,
 * newer first.
 */
export function compareForDeletion(a: Pod, b: Pod, rankA = 0, rankB = 0): number {
  const na = a.spec?.nodeName ?? "";
  const nb = b.spec?.nodeName ?? "";
  if (na !== nb && (na === "" || nb === "")) return na === "" ? -1 : 1;
  const pa = PHASE_ORDER[a.status?.phase ?? "Pending"] ?? 0;
  const pb = PHASE_ORDER[b.status?.phase ?? "Pending"] ?? 0;
  if (pa !== pb) return pa - pb;
  const ra = isPodReady(a);
  const rb = isPodReady(b);
  if (ra !== rb) return ra ? 1 : -1;
  const ca = deletionCost(a);
  const cb = deletionCost(b);
  if (ca !== cb) return ca - cb;
  if (rankA !== rankB) return rankB - rankA;
  if (ra && rb) {
    const ta = podReadySince(a) ?? 0;
    const tb = podReadySince(b) ?? 0;
    if (ta !== tb) return tb - ta;
  }
  const xa = podRestarts(a);
  const xb = podRestarts(b);
  if (xa !== xb) return xb - xa;
  const ka = created(a);
  const kb = created(b);
  if (ka !== kb) return kb - ka;
  return 0;
}

/**
 * The `count` pods to delete first. `related` are the active pods of every ReplicaSet of the
 * same owner: a pod's rank is how many of them share its node (spreading is kept on scale-down).
 */
export function podsToDelete(pods: readonly Pod[], related: readonly Pod[], count: number): Pod[] {
  const perNode = new Map<string, number>();
  for (const p of related) {
    const n = p.spec?.nodeName;
    if (n) perNode.set(n, (perNode.get(n) ?? 0) + 1);
  }
  const rank = (p: Pod) => (p.spec?.nodeName ? (perNode.get(p.spec.nodeName) ?? 0) : 0);
  const ranked = pods.map((p) => ({ p, r: rank(p) }));
  ranked.sort((x, y) => compareForDeletion(x.p, y.p, x.r, y.r));
  return ranked.slice(0, count).map((x) => x.p);
}
