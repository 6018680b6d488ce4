// Why: the scheduling framework's extension points (PreFilter, Filter, Score, Bind) as small interfaces each plugin can satisfy.

import type { Node, Pod } from "../../api/types";
import type { ObjectClient } from "../../store/types";
import type { Clock } from "../../clock/clock";

/**
 * Outcome codes of a plugin, as in kube-scheduler. `UnschedulableAndUnresolvable` means
 * preemption cannot help on that node (taints, affinity, node name, cordon).
 */
export type StatusCode = "Unschedulable" | "UnschedulableAndUnresolvable" | "Error" | "Skip";

/** A non-success plugin result. `null` is success, as a nil *Status is in kube-scheduler. */
export interface PluginStatus {
  code: StatusCode;
  /** Human reasons, e.g. "Insufficient cpu"; they make up the FailedScheduling message. */
  reasons: string[];
  /** Set by the framework: which plugin returned it. */
  plugin?: string;
}

export type Status = PluginStatus | null;

/** Shorthands for plugin code. */
export const unschedulable = (...reasons: string[]): PluginStatus => ({ code: "Unschedulable", reasons });
export const unresolvable = (...reasons: string[]): PluginStatus => ({ code: "UnschedulableAndUnresolvable", reasons });
export const errorStatus = (reason: string): PluginStatus => ({ code: "Error", reasons: [reason] });

/** Amounts of resources in base units: milli-CPU, bytes, a pod count, and extended resources by name. */
export interface Resources {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  pods: number;
  scalar: Record<string, number>;
}

/** A node with the pods the scheduler believes are on it (bound or assumed) and their summed requests. */
export interface NodeInfo {
  node: Node;
  name: string;
  pods: Pod[];
  allocatable: Resources;
  /** Sum of the requests of `pods`; `pods` field is the number of pods. */
  requested: Resources;
  /** Like `requested`, but a container without requests counts 100m CPU / 200Mi (kube-scheduler's non-zero defaults, for scoring). */
  nonZeroRequested: Resources;
}

/** Per-attempt scratch space shared by a plugin's extension points (PreFilter computes, Filter reads). */
export type CycleState = Map<string, unknown>;

/** What plugin factories receive. */
export interface FrameworkHandle {
  client: ObjectClient;
  clock: Clock;
}

export interface Plugin {
  readonly name: string;
}

/** Runs once per attempt before any Filter; a non-null status rejects the pod on every node. */
export interface PreFilterPlugin extends Plugin {
  preFilter(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): Status;
}

/** Says whether the pod may run on one node. */
export interface FilterPlugin extends Plugin {
  filter(state: CycleState, pod: Pod, node: NodeInfo): Status;
}

/** Ranks a feasible node; `normalizeScore` maps the raw scores of all nodes to 0–100 in place. */
export interface ScorePlugin extends Plugin {
  score(state: CycleState, pod: Pod, node: NodeInfo): number;
  normalizeScore?(state: CycleState, pod: Pod, scores: Map<string, number>): void;
}

/** Makes the decision durable (sets spec.nodeName). */
export interface BindPlugin extends Plugin {
  bind(pod: Pod, nodeName: string): Promise<Status>;
}

export const MAX_NODE_SCORE = 100;

export const isPreFilter = (p: Plugin): p is PreFilterPlugin => typeof (p as PreFilterPlugin).preFilter === "function";
export const isFilter = (p: Plugin): p is FilterPlugin => typeof (p as FilterPlugin).filter === "function";
export const isScore = (p: Plugin): p is ScorePlugin => typeof (p as ScorePlugin).score === "function";
export const isBind = (p: Plugin): p is BindPlugin => typeof (p as BindPlugin).bind === "function";

/** kube-scheduler's DefaultNormalizeScore: scale to 0–100 by the maximum, optionally reversed. */
export function defaultNormalizeScore(scores: Map<string, number>, reverse: boolean): void {
  let max = 0;
  for (const s of scores.values()) max = Math.max(max, s);
  for (const [node, s] of scores) {
    if (max === 0) {
      scores.set(node, reverse ? MAX_NODE_SCORE : 0);
      continue;
    }
    const v = Math.floor((MAX_NODE_SCORE * s) / max);
    scores.set(node, reverse ? MAX_NODE_SCORE - v : v);
  }
}
