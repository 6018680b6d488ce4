// Why: kube-scheduler for Wheelhouse: watches unscheduled pods, places each on the best feasible node, and explains every decision.

import type { Clock } from "../clock/clock";
import { rfc3339 } from "../clock/clock";
import { resourceTypeByKind } from "../api/resources";
import type { Node, Pod, PodCondition } from "../api/types";
import { objectKey } from "../api/types";
import type { EventRecorder } from "../events/recorder";
import type { ObjectClient, Watch, WatchEvent } from "../store/types";
import { DecisionLog, type DecisionLogConfig, type SchedulingDecision } from "./decision-log";
import { fitErrorMessage } from "./framework/fit-error";
import { Framework, type AlgorithmResult } from "./framework/framework";
import { isTerminal } from "./framework/node-info";
import type { PluginConfig, PluginFactory } from "./registry";
import { SchedulerCache } from "./scheduler-cache";
import { SchedulingQueue } from "./scheduling-queue";

export const DEFAULT_SCHEDULER_NAME = "default-scheduler";

const PODS = resourceTypeByKind("", "Pod")!;
const NODES = resourceTypeByKind("", "Node")!;

/** How a Scheduler is built. */
export interface SchedulerConfig {
  client: ObjectClient;
  clock: Clock;
  /** Records Scheduled / FailedScheduling events. */
  recorder: EventRecorder;
  /** Pods whose spec.schedulerName is this (empty counts as "default-scheduler"). */
  schedulerName?: string;
  /** Enabled plugins with score weights; default: the default profile. */
  plugins?: readonly PluginConfig[];
  /** Extra plugin factories by name. */
  registry?: Readonly<Record<string, PluginFactory>>;
  /** Tie-breaking among equal scores; [0, 1). Default Math.random. */
  random?: () => number;
  /** Bounds of the decision memory. */
  decisions?: DecisionLogConfig;
  /** Back-off after a failed attempt: 1 s doubling to 10 s by default. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
}

function nodeRelevantPart(n: Node): string {
  return JSON.stringify([n.spec?.unschedulable, n.spec?.taints, n.metadata.labels, n.status?.allocatable]);
}

/** Places pods on nodes, one at a time. */
export class Scheduler {
  readonly schedulerName: string;
  private readonly client: ObjectClient;
  private readonly clock: Clock;
  private readonly recorder: EventRecorder;
  private readonly framework: Framework;
  private readonly cache = new SchedulerCache();
  private readonly queue: SchedulingQueue;
  private readonly log: DecisionLog;
  private watches: Watch[] = [];
  private looping = false;
  /** Binding cycles in flight. */
  private bindings = 0;
  private started = false;
  private idleWaiters: (() => void)[] = [];

  constructor(config: SchedulerConfig) {
    this.client = config.client;
    this.clock = config.clock;
    this.recorder = config.recorder;
    this.schedulerName = config.schedulerName ?? DEFAULT_SCHEDULER_NAME;
    this.framework = new Framework({ handle: { client: config.client, clock: config.clock }, plugins: config.plugins, registry: config.registry, random: config.random });
    this.queue = new SchedulingQueue({ clock: config.clock, onActive: () => this.kick(), initialBackoffMs: config.initialBackoffMs, maxBackoffMs: config.maxBackoffMs });
    this.log = new DecisionLog(config.decisions);
  }

  /** Lists and watches nodes and pods, then schedules whatever is pending. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.queue.start();
    const nodes = this.client.list<Node>(NODES);
    for (const n of nodes.items) this.cache.setNode(n);
    this.watches.push(this.client.watch<Node>(NODES, { resourceVersion: nodes.resourceVersion }, (e) => this.onNode(e)));
    const pods = this.client.list<Pod>(PODS);
    for (const p of pods.items) this.onPod({ type: "ADDED", object: p });
    this.watches.push(this.client.watch<Pod>(PODS, { resourceVersion: pods.resourceVersion }, (e) => this.onPod(e)));
  }

  stop(): void {
    this.started = false;
    for (const w of this.watches) w.stop();
    this.watches = [];
    this.queue.stop();
  }

  /** Every recorded attempt for `namespace/name`, oldest first. */
  decisions(podKey: string): SchedulingDecision[] {
    return this.log.forPod(podKey);
  }

  /** The latest attempts across all pods, newest first. */
  recentDecisions(limit?: number): SchedulingDecision[] {
    return this.log.recent(limit);
  }

  /** Sizes of the scheduling queue's parts. */
  queueLengths() {
    return this.queue.lengths();
  }

  /** Resolves when no pod is being scheduled and none is ready to be (tests). */
  whenIdle(): Promise<void> {
    if (!this.looping && this.bindings === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private responsibleFor(pod: Pod): boolean {
    return (pod.spec?.schedulerName || DEFAULT_SCHEDULER_NAME) === this.schedulerName;
  }

  private onNode(e: WatchEvent<Node>): void {
    if (e.type === "BOOKMARK") return;
    const name = e.object.metadata.name ?? "";
    if (e.type === "DELETED") {
      this.cache.removeNode(name);
      return;
    }
    const old = this.cache.getNode(name);
    this.cache.setNode(e.object);
    if (!old || nodeRelevantPart(old) !== nodeRelevantPart(e.object)) this.queue.moveAllToActiveOrBackoff();
  }

  private onPod(e: WatchEvent<Pod>): void {
    if (e.type === "BOOKMARK") return;
    const pod = e.object;
    const key = objectKey(pod);
    if (e.type === "DELETED") {
      this.queue.delete(key);
      if (pod.spec?.nodeName || this.cache.isAssumed(key)) {
        this.cache.removePod(key);
        this.queue.moveAllToActiveOrBackoff();
      }
      return;
    }
    if (pod.spec?.nodeName) {
      this.queue.delete(key);
      const wasAssumed = this.cache.isAssumed(key);
      const before = this.cache.nodeInfo(pod.spec.nodeName)?.pods.some((p) => objectKey(p) === key);
      this.cache.setPod(pod);
      if (isTerminal(pod) && (before || wasAssumed)) this.queue.moveAllToActiveOrBackoff();
      return;
    }
    if (this.responsibleFor(pod) && !pod.metadata.deletionTimestamp && !this.cache.isAssumed(key)) this.queue.addOrUpdate(pod);
    else if (!this.cache.isAssumed(key)) this.queue.delete(key);
  }

  private kick(): void {
    if (this.looping || !this.started) return;
    this.looping = true;
    void this.loop();
  }

  private async loop(): Promise<void> {
    try {
      for (;;) {
        await Promise.resolve();
        if (!this.started) break;
        const q = this.queue.pop();
        if (!q) break;
        try {
          await this.scheduleOne(q.key, q.pod, q.attempts);
        } catch {
          this.queue.failed(q.key, { retryable: true });
        }
      }
    } finally {
      this.looping = false;
      if (this.bindings === 0) this.notifyIdle();
    }
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  private async scheduleOne(key: string, queued: Pod, attempt: number): Promise<void> {
    const pod = this.client.get<Pod>(PODS, queued.metadata.namespace, queued.metadata.name ?? "") ?? queued;
    if (pod.spec?.nodeName || pod.metadata.deletionTimestamp || pod.metadata.uid !== queued.metadata.uid) {
      this.queue.done(key);
      return;
    }
    const time = this.clock.now();
    const result = this.framework.run(pod, this.cache.nodeInfos());
    const base = { podKey: key, podUid: pod.metadata.uid ?? "", attempt, time, numNodes: result.numNodes, preFilter: result.preFilter, rejected: result.rejected, scores: result.scores };
    if (!result.selectedNode) {
      const message = fitErrorMessage(pod, result);
      this.log.add({ ...base, result: "Unschedulable", message });
      this.queue.failed(key);
      this.recorder.event(pod, "Warning", "FailedScheduling", message);
      await this.setScheduledCondition(pod, { type: "PodScheduled", status: "False", reason: "Unschedulable", message });
      return;
    }
    // The binding cycle runs on its own, as in kube-scheduler: the pod is assumed on the node
    // at once, so the next pod is placed without waiting for this one's write to be durable.
    this.cache.assume(pod, result.selectedNode);
    this.bindings++;
    void this.bind(pod, key, result, base).finally(() => {
      this.bindings--;
      if (!this.looping && this.bindings === 0) this.notifyIdle();
    });
  }

  private async bind(pod: Pod, key: string, result: AlgorithmResult, base: Omit<SchedulingDecision, "result" | "message">): Promise<void> {
    const node = result.selectedNode!;
    const status = await this.framework.bind(pod, node);
    if (status) {
      this.cache.forget(key);
      const message = `Binding rejected: ${status.reasons.join(", ")}`;
      this.log.add({ ...base, selectedNode: node, result: "Error", message });
      this.queue.failed(key, { retryable: true });
      this.recorder.event(pod, "Warning", "FailedScheduling", message);
      return;
    }
    this.queue.done(key);
    const message = `Successfully assigned ${key} to ${node}`;
    this.log.add({ ...base, selectedNode: node, result: "Scheduled", message });
    this.recorder.event(pod, "Normal", "Scheduled", message);
    await this.setScheduledCondition(pod, { type: "PodScheduled", status: "True" });
  }

  /** Writes the PodScheduled condition through the status subresource; skips the write when nothing changed. */
  private async setScheduledCondition(pod: Pod, cond: PodCondition): Promise<void> {
    for (let i = 0; i < 3; i++) {
      const current = this.client.get<Pod>(PODS, pod.metadata.namespace, pod.metadata.name ?? "");
      if (!current || current.metadata.uid !== pod.metadata.uid) return;
      const conditions = [...(current.status?.conditions ?? [])];
      const idx = conditions.findIndex((c) => c.type === "PodScheduled");
      const old = idx >= 0 ? conditions[idx] : undefined;
      if (old && old.status === cond.status && old.reason === cond.reason && old.message === cond.message) return;
      const now = rfc3339(this.clock.now());
      const next: PodCondition = { ...cond, lastProbeTime: null as unknown as string, lastTransitionTime: old && old.status === cond.status ? old.lastTransitionTime : now };
      if (idx >= 0) conditions[idx] = next;
      else conditions.push(next);
      const updated = structuredClone(current) as Pod;
      updated.status = { ...updated.status, conditions };
      if (!updated.status.phase) updated.status.phase = "Pending";
      try {
        await this.client.update(updated, { subresource: "status" });
        return;
      } catch {
        // Conflict with another writer (the kubelet): read again and retry.
      }
    }
  }
}
