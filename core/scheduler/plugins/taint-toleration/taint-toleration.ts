// Why: taints repel pods that do not tolerate them (filter) and PreferNoSchedule taints lower a node's score.

import type { Pod, Taint, Toleration } from "../../../api/types";
import {
  defaultNormalizeScore,
  unresolvable,
  type FilterPlugin,
  type NodeInfo,
  type ScorePlugin,
  type Status,
} from "../../framework/types";

export const TAINT_TOLERATION = "TaintToleration";

/** Kubernetes' Toleration.ToleratesTaint: effect (empty matches all), key (empty with Exists matches all), operator. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  const op = t.operator ?? "Equal";
  if (op === "Exists") return true;
  if (op === "Equal") return !t.key ? false : (t.value ?? "") === (taint.value ?? "");
  return false;
}

/** The first NoSchedule/NoExecute taint the pod does not tolerate, or undefined when it tolerates all of them. */
export function untoleratedTaint(pod: Pod, taints: readonly Taint[]): Taint | undefined {
  const tolerations = pod.spec?.tolerations ?? [];
  return taints.find((taint) => (taint.effect === "NoSchedule" || taint.effect === "NoExecute") && !tolerations.some((t) => toleratesTaint(t, taint)));
}

/** The filter reason Kubernetes 1.32 writes for an untolerated taint. */
export function untoleratedTaintReason(taint: Taint): string {
  return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ""}}`;
}

/** Number of PreferNoSchedule taints the pod does not tolerate (tolerations with effect PreferNoSchedule or empty count). */
export function countIntolerablePreferNoSchedule(pod: Pod, taints: readonly Taint[]): number {
  const tolerations = (pod.spec?.tolerations ?? []).filter((t) => !t.effect || t.effect === "PreferNoSchedule");
  return taints.filter((taint) => taint.effect === "PreferNoSchedule" && !tolerations.some((t) => toleratesTaint(t, taint))).length;
}

/** The TaintToleration filter and score plugin (fewer intolerable PreferNoSchedule taints score higher). */
export function newTaintToleration() {
  return {
    name: TAINT_TOLERATION,
    filter(_state, pod, node: NodeInfo): Status {
      const taint = untoleratedTaint(pod, node.node.spec?.taints ?? []);
      return taint ? unresolvable(untoleratedTaintReason(taint)) : null;
    },
    score(_state, pod, node: NodeInfo): number {
      return countIntolerablePreferNoSchedule(pod, node.node.spec?.taints ?? []);
    },
    normalizeScore(_state, _pod, scores: Map<string, number>): void {
      defaultNormalizeScore(scores, true);
    },
  } satisfies FilterPlugin & ScorePlugin;
}
