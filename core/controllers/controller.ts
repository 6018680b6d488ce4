// Why: the one loop every controller runs (controller-runtime's reconcile contract): handlers enqueue keys, workers reconcile them, failures retry with back-off.

import type { Clock } from "../clock/clock";
import { WorkQueue } from "../workqueue/work-queue";

/** What a reconcile asks for after succeeding: run again after `requeueAfter` ms. */
export interface ReconcileResult {
  requeueAfter?: number;
}

/**
 * Converges the object named by `key` (`namespace/name`) towards its spec. Level-based:
 * it re-reads current state from caches and never relies on the event that queued it.
 * Throwing retries the key with exponential back-off, unless the error is a {@link DoNotRetryError}.
 */
export interface Reconciler {
  reconcile(key: string): Promise<ReconcileResult | void>;
}

/** Thrown by a reconcile that failed in a way a retry cannot fix (bad input); the key is dropped until it changes. */
export class DoNotRetryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DoNotRetryError";
  }
}

/** What the {@link ControllerManager} needs from each controller it runs. */
export interface ManagedController {
  readonly name: string;
  start(): void;
  stop(): void;
  /** Nothing queued and nothing being reconciled (delayed retries do not count). */
  isIdle(): boolean;
  /** How many reconciles have finished; used to see that work happened between two looks. */
  reconcileCount(): number;
}

export interface ControllerConfig {
  /** Controller name, used for the queue and in error reports. */
  name: string;
  reconciler: Reconciler;
  clock: Clock;
  /** Concurrent workers; one key is never reconciled by two at once. Default 1. */
  workers?: number;
  /** Called with every reconcile failure (logging). Default: ignore. */
  onError?: (controller: string, key: string, err: unknown) => void;
}

/** A work queue plus workers that call a {@link Reconciler}. Construct, register handlers that call `enqueue`, then `start()`. */
export class Controller implements ManagedController {
  readonly name: string;
  readonly queue: WorkQueue<string>;
  private readonly reconciler: Reconciler;
  private readonly workers: number;
  private readonly onError: (controller: string, key: string, err: unknown) => void;
  private running = false;
  private finished = 0;

  constructor(config: ControllerConfig) {
    this.name = config.name;
    this.reconciler = config.reconciler;
    this.workers = Math.max(1, config.workers ?? 1);
    this.onError = config.onError ?? (() => {});
    this.queue = new WorkQueue<string>({ clock: config.clock, name: config.name });
  }

  /** Queue `key` for reconciling. */
  enqueue(key: string): void {
    this.queue.add(key);
  }

  /** Queue `key` after `ms`. */
  enqueueAfter(key: string, ms: number): void {
    this.queue.addAfter(key, ms);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    for (let i = 0; i < this.workers; i++) void this.work();
  }

  stop(): void {
    this.running = false;
    this.queue.shutDown();
  }

  isIdle(): boolean {
    return this.queue.isIdle();
  }

  reconcileCount(): number {
    return this.finished;
  }

  private async work(): Promise<void> {
    for (;;) {
      const key = await this.queue.get();
      if (key === undefined) return;
      try {
        const res = await this.reconciler.reconcile(key);
        this.queue.forget(key);
        if (res && res.requeueAfter !== undefined && res.requeueAfter >= 0) this.queue.addAfter(key, res.requeueAfter);
      } catch (err) {
        this.onError(this.name, key, err);
        if (err instanceof DoNotRetryError) this.queue.forget(key);
        else this.queue.addRateLimited(key);
      } finally {
        this.finished++;
        this.queue.done(key);
      }
    }
  }
}

/**
 * Base of the built-in controllers: each owns one {@link Controller} (queue and workers over
 * its reconcile) and delegates the {@link ManagedController} lifecycle to it.
 */
export abstract class QueueBackedController implements ManagedController {
  abstract readonly name: string;
  protected abstract readonly controller: Controller;

  start(): void {
    this.controller.start();
  }
  stop(): void {
    this.controller.stop();
  }
  isIdle(): boolean {
    return this.controller.isIdle();
  }
  reconcileCount(): number {
    return this.controller.reconcileCount();
  }
}

