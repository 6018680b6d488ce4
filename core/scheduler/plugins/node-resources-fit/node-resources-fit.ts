// Why: a pod fits a node only when its requests fit in what the node's other pods leave free; LeastAllocated prefers emptier nodes.

import type { Pod } from "../../../api/types";
import { podRequests } from "../../framework/node-info";
import {
  MAX_NODE_SCORE,
  unschedulable,
  type CycleState,
  type FilterPlugin,
  type NodeInfo,
  type PreFilterPlugin,
  type Resources,
  type ScorePlugin,
  type Status,
} from "../../framework/types";

export const NODE_RESOURCES_FIT = "NodeResourcesFit";
const STATE_KEY = "PreFilterNodeResourcesFit";

/** One resource the node lacks, with Kubernetes' reason text. */
export interface InsufficientResource {
  resource: string;
  reason: string;
  requested: number;
  used: number;
  capacity: number;
}

/**
 * Kubernetes' fitsRequest: the pod count first ("Too many pods"), then cpu, memory,
 * ephemeral-storage and extended resources ("Insufficient cpu"). Empty when it fits.
 */
export function fitsRequest(podRequest: Resources, node: NodeInfo): InsufficientResource[] {
  const out: InsufficientResource[] = [];
  const alloc = node.allocatable;
  const used = node.requested;
  if (used.pods + 1 > alloc.pods) out.push({ resource: "pods", reason: "Too many pods", requested: 1, used: used.pods, capacity: alloc.pods });
  const check = (resource: string, req: number, u: number, cap: number) => {
    if (req > 0 && req > cap - u) out.push({ resource, reason: `Insufficient ${resource}`, requested: req, used: u, capacity: cap });
  };
  check("cpu", podRequest.milliCPU, used.milliCPU, alloc.milliCPU);
  check("memory", podRequest.memory, used.memory, alloc.memory);
  check("ephemeral-storage", podRequest.ephemeralStorage, used.ephemeralStorage, alloc.ephemeralStorage);
  for (const [name, req] of Object.entries(podRequest.scalar)) check(name, req, used.scalar[name] ?? 0, alloc.scalar[name] ?? 0);
  return out;
}

/** LeastAllocated: the mean over cpu and memory of the free fraction after placing the pod, times 100 (non-zero requests). */
export function leastAllocatedScore(pod: Pod, node: NodeInfo): number {
  const req = podRequests(pod, true);
  const one = (requested: number, capacity: number) => (capacity === 0 || requested > capacity ? 0 : ((capacity - requested) * MAX_NODE_SCORE) / capacity);
  const cpu = one(node.nonZeroRequested.milliCPU + req.milliCPU, node.allocatable.milliCPU);
  const mem = one(node.nonZeroRequested.memory + req.memory, node.allocatable.memory);
  return Math.floor((cpu + mem) / 2);
}

function requestsOf(state: CycleState, pod: Pod): Resources {
  return (state.get(STATE_KEY) as Resources | undefined) ?? podRequests(pod);
}

/** The NodeResourcesFit plugin with the LeastAllocated scoring strategy. */
export function newNodeResourcesFit() {
  return {
    name: NODE_RESOURCES_FIT,
    preFilter(state, pod): Status {
      state.set(STATE_KEY, podRequests(pod));
      return null;
    },
    filter(state, pod, node): Status {
      const missing = fitsRequest(requestsOf(state, pod), node);
      return missing.length ? unschedulable(...missing.map((m) => m.reason)) : null;
    },
    score(_state, pod, node): number {
      return leastAllocatedScore(pod, node);
    },
  } satisfies PreFilterPlugin & FilterPlugin & ScorePlugin;
}
