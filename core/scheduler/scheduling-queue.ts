// Why: pods wait their turn by priority, back off after failures, and park as unschedulable until the cluster changes (kube-scheduler's PriorityQueue).

import type { Clock, TimerHandle } from "../clock/clock";
import type { Pod } from "../api/types";
import { objectKey } from "../api/types";

/** A pod in the queue, with how often it has been tried. */
export interface QueuedPod {
  key: string;
  pod: Pod;
  attempts: number;
  /** When it (re-)entered the queue: FIFO order among equal priorities. */
  timestamp: number;
  /** When it was last tried and failed; back-off counts from here. */
  lastFailure?: number;
  /** When it was parked as unschedulable. */
  unschedulableSince?: number;
}

export interface SchedulingQueueConfig {
  clock: Clock;
  /** Called whenever a pod becomes ready to be scheduled. */
  onActive: () => void;
  /** podInitialBackoffSeconds (1 s). */
  initialBackoffMs?: number;
  /** podMaxBackoffSeconds (10 s). */
  maxBackoffMs?: number;
  /** Unschedulable pods are retried at least this often (podMaxInUnschedulablePodsDuration, 5 min). */
  maxUnschedulableMs?: number;
  /** How often the unschedulable pods are checked against `maxUnschedulableMs` (30 s). */
  flushIntervalMs?: number;
}

/** Active, back-off and unschedulable sub-queues keyed by `namespace/name`. */
export class SchedulingQueue {
  private readonly clock: Clock;
  private readonly onActive: () => void;
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly maxUnschedulableMs: number;
  private readonly flushIntervalMs: number;
  private readonly active = new Map<string, QueuedPod>();
  private readonly backoff = new Map<string, QueuedPod>();
  private readonly unschedulable = new Map<string, QueuedPod>();
  /** Pods popped and being tried right now. */
  private readonly inFlight = new Map<string, QueuedPod>();
  private moveRequestCycle = 0;
  private schedulingCycle = 0;
  private readonly cycleOf = new Map<string, number>();
  private backoffTimer?: TimerHandle;
  private flushTimer?: TimerHandle;
  private running = false;

  constructor(config: SchedulingQueueConfig) {
    this.clock = config.clock;
    this.onActive = config.onActive;
    this.initialBackoffMs = config.initialBackoffMs ?? 1000;
    this.maxBackoffMs = config.maxBackoffMs ?? 10_000;
    this.maxUnschedulableMs = config.maxUnschedulableMs ?? 5 * 60_000;
    this.flushIntervalMs = config.flushIntervalMs ?? 30_000;
  }

  start(): void {
    this.running = true;
    this.armFlush();
  }

  stop(): void {
    this.running = false;
    if (this.backoffTimer) this.clock.clearTimer(this.backoffTimer);
    if (this.flushTimer) this.clock.clearTimer(this.flushTimer);
    this.backoffTimer = this.flushTimer = undefined;
  }

  /** Adds a new pod, or refreshes one already queued; an update to a parked pod makes it eligible again. */
  addOrUpdate(pod: Pod): void {
    const key = objectKey(pod);
    const inFlight = this.inFlight.get(key);
    if (inFlight) {
      inFlight.pod = pod;
      return;
    }
    for (const q of [this.active, this.backoff]) {
      const existing = q.get(key);
      if (existing) {
        existing.pod = pod;
        return;
      }
    }
    const parked = this.unschedulable.get(key);
    if (parked) {
      const changed = JSON.stringify(parked.pod.spec) !== JSON.stringify(pod.spec) || JSON.stringify(parked.pod.metadata.labels) !== JSON.stringify(pod.metadata.labels);
      parked.pod = pod;
      if (changed) this.requeue(parked);
      return;
    }
    this.pushActive({ key, pod, attempts: 0, timestamp: this.clock.now() });
  }

  /** Forgets a pod (deleted, bound elsewhere, or no longer ours). */
  delete(key: string): void {
    this.active.delete(key);
    this.backoff.delete(key);
    this.unschedulable.delete(key);
    this.inFlight.delete(key);
    this.cycleOf.delete(key);
  }

  has(key: string): boolean {
    return this.active.has(key) || this.backoff.has(key) || this.unschedulable.has(key) || this.inFlight.has(key);
  }

  /** The highest-priority active pod (FIFO among equals), now in flight; undefined when none is ready. */
  pop(): QueuedPod | undefined {
    let best: QueuedPod | undefined;
    for (const q of this.active.values()) {
      if (!best) best = q;
      else {
        const pa = q.pod.spec?.priority ?? 0;
        const pb = best.pod.spec?.priority ?? 0;
        if (pa > pb || (pa === pb && q.timestamp < best.timestamp)) best = q;
      }
    }
    if (!best) return undefined;
    this.active.delete(best.key);
    best.attempts++;
    this.inFlight.set(best.key, best);
    this.cycleOf.set(best.key, ++this.schedulingCycle);
    return best;
  }

  /** The attempt succeeded: the pod leaves the queue. */
  done(key: string): void {
    this.inFlight.delete(key);
    this.cycleOf.delete(key);
  }

  /**
   * The attempt failed. If the cluster changed while it ran, the pod backs off and retries;
   * otherwise it parks until a cluster event (or the periodic flush) moves it.
   */
  failed(key: string, opts: { retryable?: boolean } = {}): void {
    const q = this.inFlight.get(key);
    if (!q) return;
    this.inFlight.delete(key);
    const cycle = this.cycleOf.get(key) ?? 0;
    this.cycleOf.delete(key);
    q.lastFailure = this.clock.now();
    if (opts.retryable || this.moveRequestCycle >= cycle) this.pushBackoff(q);
    else {
      q.unschedulableSince = this.clock.now();
      this.unschedulable.set(key, q);
    }
  }

  /** A cluster event that may make parked pods schedulable (node added or changed, pod deleted or completed). */
  moveAllToActiveOrBackoff(): void {
    this.moveRequestCycle = this.schedulingCycle;
    for (const q of [...this.unschedulable.values()]) this.requeue(q);
  }

  /** Counts per sub-queue, for metrics and the console. */
  lengths(): { active: number; backoff: number; unschedulable: number; inFlight: number } {
    return { active: this.active.size, backoff: this.backoff.size, unschedulable: this.unschedulable.size, inFlight: this.inFlight.size };
  }

  /** When a pod that failed `attempts` times may be retried: 1 s doubling to 10 s. */
  backoffDuration(attempts: number): number {
    let d = this.initialBackoffMs;
    for (let i = 1; i < attempts && d < this.maxBackoffMs; i++) d *= 2;
    return Math.min(d, this.maxBackoffMs);
  }

  private backoffExpiry(q: QueuedPod): number {
    return (q.lastFailure ?? q.timestamp) + this.backoffDuration(q.attempts);
  }

  private requeue(q: QueuedPod): void {
    this.unschedulable.delete(q.key);
    q.unschedulableSince = undefined;
    if (q.lastFailure !== undefined && this.backoffExpiry(q) > this.clock.now()) this.pushBackoff(q);
    else this.pushActive(q);
  }

  private pushActive(q: QueuedPod): void {
    q.timestamp = this.clock.now();
    this.active.set(q.key, q);
    this.onActive();
  }

  private pushBackoff(q: QueuedPod): void {
    this.backoff.set(q.key, q);
    this.armBackoff();
  }

  private armBackoff(): void {
    if (!this.running) return;
    let next: number | undefined;
    for (const q of this.backoff.values()) {
      const e = this.backoffExpiry(q);
      if (next === undefined || e < next) next = e;
    }
    if (this.backoffTimer) this.clock.clearTimer(this.backoffTimer);
    this.backoffTimer = undefined;
    if (next === undefined) return;
    this.backoffTimer = this.clock.setTimer(() => {
      this.backoffTimer = undefined;
      const now = this.clock.now();
      for (const q of [...this.backoff.values()]) {
        if (this.backoffExpiry(q) <= now) {
          this.backoff.delete(q.key);
          this.pushActive(q);
        }
      }
      this.armBackoff();
    }, Math.max(0, next - this.clock.now()));
  }

  private armFlush(): void {
    if (!this.running) return;
    this.flushTimer = this.clock.setTimer(() => {
      const now = this.clock.now();
      for (const q of [...this.unschedulable.values()]) {
        if (now - (q.unschedulableSince ?? now) >= this.maxUnschedulableMs) this.requeue(q);
      }
      this.armFlush();
    }, this.flushIntervalMs);
  }
}
