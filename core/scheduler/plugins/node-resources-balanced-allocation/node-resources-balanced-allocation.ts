// Why: prefer nodes whose cpu and memory stay evenly used after placing the pod, so neither runs out first.

import type { Pod } from "../../../api/types";
import { podRequests } from "../../framework/node-info";
import { MAX_NODE_SCORE, type NodeInfo, type ScorePlugin } from "../../framework/types";

export const NODE_RESOURCES_BALANCED_ALLOCATION = "NodeResourcesBalancedAllocation";

/** (1 − standard deviation of the cpu and memory usage fractions) × 100, fractions capped at 1. */
export function balancedAllocationScore(pod: Pod, node: NodeInfo): number {
  const req = podRequests(pod);
  const frac = (requested: number, capacity: number) => (capacity === 0 ? 0 : Math.min(1, requested / capacity));
  const fractions = [
    frac(node.requested.milliCPU + req.milliCPU, node.allocatable.milliCPU),
    frac(node.requested.memory + req.memory, node.allocatable.memory),
  ];
  const mean = fractions.reduce((a, b) => a + b, 0) / fractions.length;
  const variance = fractions.reduce((a, f) => a + (f - mean) ** 2, 0) / fractions.length;
  return Math.floor((1 - Math.sqrt(variance)) * MAX_NODE_SCORE);
}

/** The NodeResourcesBalancedAllocation score plugin. */
export function newNodeResourcesBalancedAllocation() {
  return {
    name: NODE_RESOURCES_BALANCED_ALLOCATION,
    score(_state, pod, node): number {
      return balancedAllocationScore(pod, node);
    },
  } satisfies ScorePlugin;
}
