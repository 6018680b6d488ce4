// Why: controllers process keys, not events; this queue (client-go's workqueue) dedups keys, never hands one key to two workers, and delays retries on the injected Clock.

import type { Clock, TimerHandle } from "../clock/clock";

/** Per-key retry delays (client-go's ItemExponentialFailureRateLimiter). */
export interface RateLimiter<K> {
  /** The delay before the next retry of `key`; each call counts one more failure. */
  when(key: K): number;
  /** Forget the failures of `key` (after a success). */
  forget(key: K): void;
  /** How many times `key` has failed since it was last forgotten. */
  numRequeues(key: K): number;
}

/** Delay `base * 2^failures`, capped at `max`: client-go's default 5 ms doubling to 1000 s. */
export class ExponentialRateLimiter<K> implements RateLimiter<K> {
  private failures = new Map<K, number>();
  private readonly baseMs: number;
  private readonly maxMs: number;

  constructor(config: { baseMs?: number; maxMs?: number } = {}) {
    this.baseMs = config.baseMs ?? 5;
    this.maxMs = config.maxMs ?? 1_000_000;
  }

  when(key: K): number {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    const delay = this.baseMs * Math.pow(2, n);
    return Number.isFinite(delay) ? Math.min(delay, this.maxMs) : this.maxMs;
  }

  forget(key: K): void {
    this.failures.delete(key);
  }

  numRequeues(key: K): number {
    return this.failures.get(key) ?? 0;
  }
}

export interface WorkQueueConfig<K> {
  /** Timers for addAfter/addRateLimited. Required: core/ has no ambient time. */
  clock: Clock;
  /** For messages and metrics. */
  name?: string;
  rateLimiter?: RateLimiter<K>;
}

/**
 * A rate-limited delaying work queue with client-go semantics:
 * - a key queued twice is queued once (dedup);
 * - a key being processed (between `get` and `done`) is never handed out again until
 *   `done`; adding it meanwhile marks it dirty and re-queues it at `done`;
 * - `addAfter` keeps only the earliest pending time per key.
 */
export class WorkQueue<K = string> {
  readonly name: string;
  private readonly clock: Clock;
  private readonly limiter: RateLimiter<K>;
  private queue: K[] = [];
  private dirty = new Set<K>();
  private processing = new Set<K>();
  private waiting = new Map<K, { due: number; timer: TimerHandle }>();
  private getters: ((key: K | undefined) => void)[] = [];
  private shutting = false;

  constructor(config: WorkQueueConfig<K>) {
    this.clock = config.clock;
    this.name = config.name ?? "queue";
    this.limiter = config.rateLimiter ?? new ExponentialRateLimiter<K>();
  }

  /** Queue `key` unless it is already queued; ignored after shutDown. */
  add(key: K): void {
    if (this.shutting || this.dirty.has(key)) return;
    this.dirty.add(key);
    if (this.processing.has(key)) return;
    const getter = this.getters.shift();
    if (getter) {
      this.dirty.delete(key);
      this.processing.add(key);
      getter(key);
    } else {
      this.queue.push(key);
    }
  }

  /** Queue `key` once `ms` have passed on the clock (at once when `ms <= 0`). */
  addAfter(key: K, ms: number): void {
    if (this.shutting) return;
    if (ms <= 0) {
      this.add(key);
      return;
    }
    const due = this.clock.now() + ms;
    const existing = this.waiting.get(key);
    if (existing) {
      if (existing.due <= due) return;
      this.clock.clearTimer(existing.timer);
    }
    const timer = this.clock.setTimer(() => {
      this.waiting.delete(key);
      this.add(key);
    }, ms);
    this.waiting.set(key, { due, timer });
  }

  /** Queue `key` after its rate limiter's back-off (a retry after a failure). */
  addRateLimited(key: K): void {
    this.addAfter(key, this.limiter.when(key));
  }

  /** Reset the back-off of `key` (after it was processed successfully). */
  forget(key: K): void {
    this.limiter.forget(key);
  }

  numRequeues(key: K): number {
    return this.limiter.numRequeues(key);
  }

  /**
   * The next key to process, waiting until one is queued. Resolves `undefined` once the
   * queue is shut down. The caller must call {@link done} with the key.
   */
  get(): Promise<K | undefined> {
    if (this.queue.length > 0) {
      const key = this.queue.shift()!;
      this.dirty.delete(key);
      this.processing.add(key);
      return Promise.resolve(key);
    }
    if (this.shutting) return Promise.resolve(undefined);
    return new Promise((resolve) => this.getters.push(resolve));
  }

  /** Mark `key` processed; if it was added meanwhile, queue it again. */
  done(key: K): void {
    this.processing.delete(key);
    if (this.dirty.has(key)) {
      this.dirty.delete(key);
      this.add(key);
    }
  }

  /** Stop handing out keys: waiting getters resolve `undefined`, delayed adds are dropped. */
  shutDown(): void {
    this.shutting = true;
    for (const w of this.waiting.values()) this.clock.clearTimer(w.timer);
    this.waiting.clear();
    this.queue = [];
    this.dirty.clear();
    for (const g of this.getters.splice(0)) g(undefined);
  }

  shuttingDown(): boolean {
    return this.shutting;
  }

  /** Keys queued and ready (not counting delayed or processing ones). */
  len(): number {
    return this.queue.length;
  }

  /** Keys handed out and not yet `done`. */
  processingCount(): number {
    return this.processing.size;
  }

  /** Keys waiting for a timer (addAfter / rate-limited retries). */
  delayedCount(): number {
    return this.waiting.size;
  }

  /** True when nothing is queued and nothing is processing (delayed keys do not count). */
  isIdle(): boolean {
    return this.queue.length === 0 && this.processing.size === 0 && this.dirty.size === 0;
  }
}
