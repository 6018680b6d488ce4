// Why: the FailedScheduling message must read exactly as kube-scheduler 1.32 writes it, because people grep for it.

import type { Pod } from "../../api/types";
import type { AlgorithmResult } from "./framework";

export const NO_NODES_AVAILABLE = "no nodes available to schedule pods";
const PREEMPTION_NOT_HELPFUL = "Preemption is not helpful for scheduling";
const NO_VICTIMS = "No preemption victims found for incoming pod";

/** "2 Insufficient cpu, 1 node(s) had ..." sorted as Go's sort.Strings does (by the whole "count reason" string). */
function histogram(reasons: Iterable<string>): string {
  const counts = new Map<string, number>();
  for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  const parts = [...counts].map(([r, n]) => `${n} ${r}`);
  parts.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return parts.join(", ");
}

/**
 * `0/N nodes are available: <per-reason counts>. preemption: 0/N nodes are available: <...>.`
 * Nodes rejected as UnschedulableAndUnresolvable are ones preemption cannot help; Wheelhouse
 * does not preempt, so every other node reports that no victims were found.
 */
export function fitErrorMessage(pod: Pod, r: AlgorithmResult): string {
  if (r.numNodes === 0) return NO_NODES_AVAILABLE;
  let msg = `0/${r.numNodes} nodes are available:`;
  if (r.preFilter) msg += ` ${r.preFilter.reasons.join(", ")}.`;
  else {
    const h = histogram(r.rejected.flatMap((x) => x.reasons));
    if (h) msg += ` ${h}.`;
  }
  return `${msg} ${preemptionMessage(pod, r)}`;
}

/** The PostFilter (DefaultPreemption) part of the message. */
export function preemptionMessage(pod: Pod, r: AlgorithmResult): string {
  if (pod.spec?.preemptionPolicy === "Never") return "preemption: not eligible due to preemptionPolicy=Never.";
  const perNode = r.preFilter
    ? Array.from({ length: r.numNodes }, () => PREEMPTION_NOT_HELPFUL)
    : r.rejected.map((x) => (x.code === "Unschedulable" ? NO_VICTIMS : PREEMPTION_NOT_HELPFUL));
  return `preemption: 0/${r.numNodes} nodes are available: ${histogram(perNode)}.`;
}
