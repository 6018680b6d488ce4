// Why: every scheduling attempt is kept (bounded) so the console and tests can explain why a pod went where it did, or nowhere.

import type { FilterRejection, NodeScore } from "./framework/framework";
import type { PluginStatus } from "./framework/types";

/** One scheduling attempt of one pod. */
export interface SchedulingDecision {
  /** `namespace/name`. */
  podKey: string;
  podUid: string;
  /** 1 for the first attempt of this pod. */
  attempt: number;
  /** Clock time of the attempt, in ms. */
  time: number;
  /** Number of nodes considered. */
  numNodes: number;
  result: "Scheduled" | "Unschedulable" | "Error";
  /** The Scheduled event message, or the FailedScheduling message. */
  message: string;
  preFilter?: PluginStatus;
  /** Nodes a Filter plugin rejected, with the plugin and its reasons. */
  rejected: FilterRejection[];
  /** Feasible nodes with per-plugin raw, normalized and weighted scores and the total. */
  scores: NodeScore[];
  selectedNode?: string;
}

export interface DecisionLogConfig {
  /** Attempts kept per pod (default 20). */
  perPod?: number;
  /** Pods remembered (default 5000; the least recently decided are dropped). */
  maxPods?: number;
  /** Attempts kept across all pods for {@link DecisionLog.recent} (default 1000). */
  recent?: number;
}

/** Bounded memory of scheduling decisions. */
export class DecisionLog {
  private readonly perPod: number;
  private readonly maxPods: number;
  private readonly recentMax: number;
  private readonly byPod = new Map<string, SchedulingDecision[]>();
  private readonly ring: SchedulingDecision[] = [];

  constructor(config: DecisionLogConfig = {}) {
    this.perPod = config.perPod ?? 20;
    this.maxPods = config.maxPods ?? 5000;
    this.recentMax = config.recent ?? 1000;
  }

  add(d: SchedulingDecision): void {
    const list = this.byPod.get(d.podKey) ?? [];
    this.byPod.delete(d.podKey);
    list.push(d);
    if (list.length > this.perPod) list.splice(0, list.length - this.perPod);
    this.byPod.set(d.podKey, list);
    while (this.byPod.size > this.maxPods) this.byPod.delete(this.byPod.keys().next().value!);
    this.ring.push(d);
    if (this.ring.length > this.recentMax) this.ring.splice(0, this.ring.length - this.recentMax);
  }

  /** Attempts for one pod, oldest first. */
  forPod(podKey: string): SchedulingDecision[] {
    return [...(this.byPod.get(podKey) ?? [])];
  }

  /** The latest attempts across pods, newest first. */
  recent(limit = 100): SchedulingDecision[] {
    return this.ring.slice(-limit).reverse();
  }
}
